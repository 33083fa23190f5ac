/** The CLI as a process: V8 settings per kind of run, paths that cannot be stat-ed, an internal error (through the built binary). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN as bin, cliEnv } from './bin.js';
import { tempTree } from './tmp.js';

const repo = join(import.meta.dirname, '..');

function cli(args: string[], cwd = repo, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: cliEnv({ NO_COLOR: '1', ...env }) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('V8 settings per kind of run', () => {
  it('delays optimisation with the flag of each V8 generation it was checked on, and none on others', async () => {
    const { batchFlags } = await import('../src/cli/v8-flags.js');
    expect(batchFlags('11.3.244.8-node.38')).toBe('--interrupt-budget=270336');
    expect(batchFlags('12.4.254.21-node.57')).toBe('--invocation-count-for-turbofan=12000');
    expect(batchFlags('13.6.233.17-node.53')).toBe('--invocation-count-for-turbofan=12000');
    expect(batchFlags('14.0.1')).toBeUndefined();
  });

  it('keeps the defaults for one small file, optimises later for many files, saves memory over 1 MiB, and still reports every finding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-lint-v8-'));
    const service = (i: number, padding = 1000) => `  s${i}:\n    image: nginx:1.27.0\n    network_mode: host\n    environment:\n      PADDING: "${'x'.repeat(padding)}"\n`;
    const small = `services:\n${Array.from({ length: 10 }, (_, i) => service(i)).join('')}`;
    // Over 1 MiB with few services: the size decides the mode, and fewer services lint faster.
    const big = `services:\n${Array.from({ length: 110 }, (_, i) => service(i, 10_000)).join('')}`;
    writeFileSync(join(dir, 'small.yaml'), small);
    writeFileSync(join(dir, 'other.yaml'), small);
    const medium = `services:\n${Array.from({ length: 100 }, (_, i) => service(i)).join('')}`;
    writeFileSync(join(dir, 'medium.yaml'), medium);
    writeFileSync(join(dir, 'big.yaml'), big);
    expect(medium.length).toBeGreaterThan(64 * 1024);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const target = (file: string) => `{ kind: 'files', files: [${JSON.stringify(join(dir, file))}], explicit: true }`;
    const probe = (...files: string[]) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(join(repo, 'dist/src/cli/v8-flags.js'))}); console.log(m.tuneV8For([${files.map(target).join(', ')}]));`], { encoding: 'utf8', env: cliEnv() });
    expect(probe('small.yaml').stdout).toBe('default\n');
    // setFlagsFromString reports an unknown flag on standard error: nothing may appear but the answer.
    for (const [files, mode] of [[['small.yaml', 'other.yaml'], 'batch'], [['medium.yaml'], 'batch'], [['big.yaml'], 'memory'], [['small.yaml', 'big.yaml'], 'memory']] as const) {
      const switched = probe(...files);
      expect(switched.stdout).toBe(`${mode}\n`);
      expect(switched.stderr).toBe('');
    }
    const run = spawnSync(process.execPath, [bin, '--format', 'json', 'big.yaml'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, env: cliEnv() });
    expect(run.status).toBe(1);
    const findings = JSON.parse(run.stdout).findings as { ruleId: string }[];
    expect(findings.filter((f) => f.ruleId === 'no-host-network')).toHaveLength(110);
  }, 60_000);
});

describe('paths that cannot even be stat-ed', () => {
  it('treats symlink loops and files used as directories as absent, not as internal errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-lint-loops-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27.0\n    network_mode: host\n');
    // Each name points at itself: stat fails with ELOOP.
    for (const name of ['.env', 'compose.override.yaml', '.compose-lint.yaml']) symlinkSync(name, join(dir, name));
    const lint = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: cliEnv() });
    const looped = lint('compose.yaml');
    expect(looped.stderr).not.toMatch(/internal error/);
    expect(looped.status).toBe(1);
    expect(looped.stdout).toContain('no-host-network');
    const notADirectory = lint('--project-directory', 'compose.yaml', 'compose.yaml');
    expect(notADirectory.stderr).not.toMatch(/internal error/);
    const underAFile = lint('compose.yaml/x.yaml');
    expect(underAFile.stderr + underAFile.stdout).not.toMatch(/internal error/);
    expect(underAFile.status).toBe(2);
  });

  it('reports a dangling compose file symlink found by a directory scan as that one unreadable file, lints the rest, exits 2', () => {
    const dir = tempTree('compose-lint-dangling-', { 'app/compose.yaml': 'services:\n  web:\n    image: nginx:1.27.0\n    network_mode: host\n' });
    mkdirSync(join(dir, 'old'));
    symlinkSync('gone.yml', join(dir, 'old', 'docker-compose.yml'));
    const text = cli(['.'], dir);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('no-host-network');
    expect(text.stdout).toContain('old/docker-compose.yml: error: broken symbolic link: its target does not exist');
    expect(text.stdout).toContain('2 files checked: 1 with problems, 1 could not be read');
    const json = cli(['--format', 'json', '.'], dir);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ files: ['app/compose.yaml', 'old/docker-compose.yml'], fileErrors: [{ file: 'old/docker-compose.yml' }] });
    expect(json.stderr).toBe('compose-lint: old/docker-compose.yml: broken symbolic link: its target does not exist\n');
  });
});

describe('an internal error', () => {
  it('is one escaped line on stderr and exit code 2, never a stack trace', () => {
    // A loader hook swaps the CLI's run() for one that fails, as a bug would.
    const dir = tempTree('compose-lint-crash-', {
      'hooks.mjs': [
        'export async function load(url, context, next) {',
        "  if (url.endsWith('/dist/src/cli/run.js')) return { format: 'module', shortCircuit: true, source: 'export async function run() { throw new Error(\"boom \\\\u001b[31m red\"); }' };",
        '  return next(url, context);',
        '}',
      ],
      'register.mjs': "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
    });
    const crashed = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), join(repo, 'dist/src/cli/main.js'), 'compose.yaml'], { cwd: dir, encoding: 'utf8', env: cliEnv() });
    expect(crashed.status).toBe(2);
    expect(crashed.stdout).toBe('');
    expect(crashed.stderr).toBe('compose-lint: internal error: boom \\x1b[31m red\n');
  });
});
