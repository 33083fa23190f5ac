/** Hostile input through the built binary: special files, symlink loops, never silently clean, no side effects, masked secrets. */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { BIN as bin, cliEnv } from './bin.js';
import { FORMATS } from '../src/reporters/index.js';

const repo = join(import.meta.dirname, '..');

function cli(args: string[], cwd: string, nodeArgs: string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: cliEnv({ NO_COLOR: '1' }) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-hostile-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
const invocation = (stdout: string) => (JSON.parse(stdout) as Sarif.Log).runs[0]!.invocations![0]!;
const GOOD = 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n';

describe('hostile input through the binary', () => {
  it('refuses /dev/zero, FIFOs and sockets at once, and still lints the other file', async () => {
    const dir = tree({ 'compose.yaml': GOOD });
    spawnSync('mkfifo', [join(dir, 'fifo.yaml')]);
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(dir, 'sock.yaml'), done));
    try {
      const paths = ['/dev/zero', 'fifo.yaml', 'sock.yaml', 'compose.yaml'];
      const { code, stdout, stderr } = await new Promise<ReturnType<typeof cli>>((done) => setImmediate(() => done(cli([...paths, '--format', 'json'], dir))));
      expect(code).toBe(2);
      noStack(stderr);
      const report = JSON.parse(stdout) as { fileErrors: { file: string; message: string }[]; findings: { ruleId: string }[] };
      expect(report.fileErrors.map((e) => e.file)).toEqual(['/dev/zero', 'fifo.yaml', 'sock.yaml']);
      for (const e of report.fileErrors) expect(e.message).toMatch(/not a regular file/);
      expect(report.findings.map((f) => f.ruleId)).toContain('no-host-network');
    } finally {
      server.close();
    }
  });

  it('walks directories without following symlink loops, skipping node_modules and .git', () => {
    const dir = tree({ 'app/compose.yaml': GOOD, 'app/node_modules/x/compose.yaml': 'services: [', 'app/.git/compose.yaml': 'services: [' });
    symlinkSync('..', join(dir, 'app', 'up'));
    symlinkSync(join(dir, 'app'), join(dir, 'app', 'self'));
    const { code, stdout } = cli(['app', '--format', 'json'], dir);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { files: string[] }).files).toEqual(['app/compose.yaml']);
  });

  it('replays every regression and hostile fixture in one run: bounded, no stack trace, valid output', () => {
    const files = [
      ...readdirSync(join(repo, 'fixtures', 'regressions')).filter((f) => f !== 'README.md').map((f) => join('fixtures', 'regressions', f)),
      ...readdirSync(join(repo, 'fixtures', 'hostile', 'compose-go')).filter((f) => f.endsWith('.yaml')).map((f) => join('fixtures', 'hostile', 'compose-go', f)),
    ];
    const { code, stdout, stderr } = cli([...files, '--format', 'sarif'], repo);
    expect([1, 2]).toContain(code);
    noStack(stderr);
    expect(invocation(stdout).executionSuccessful).toBe(false);
  });
});

describe('never silently clean', () => {
  const cases: [string, Record<string, string>, string[], number][] = [
    ['an include that cannot be read', { 'compose.yaml': 'include:\n  - missing.yaml\nservices:\n  web:\n    image: nginx:1.27\n' }, [], 2],
    ['an extends file that cannot be read', { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    extends:\n      file: gone.yaml\n      service: base\n' }, [], 2],
    ['a file that cannot be parsed', { 'compose.yaml': 'services:\n  web: [\n' }, [], 1],
    ['a file that cannot be read', {}, [], 2],
  ];

  it.each(cases)('%s: non-zero exit and a SARIF tool notification', (_name, files, args, exit) => {
    const dir = tree(files);
    const { code, stdout, stderr } = cli(['compose.yaml', '--format', 'sarif', ...args], dir);
    expect(code).toBe(exit);
    noStack(stderr);
    const run = invocation(stdout);
    expect(run.executionSuccessful).toBe(false);
    expect(run.toolExecutionNotifications!.length).toBeGreaterThan(0);
    expect(cli(['compose.yaml', ...args], dir).stdout.trim()).not.toBe('');
  });
});

describe('no side effects', () => {
  function snapshot(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d).sort()) {
        const path = join(d, name);
        const stat = statSync(path);
        out.push(`${relative(dir, path)} ${stat.size} ${stat.mtimeMs} ${stat.mode}`);
        if (stat.isDirectory()) walk(path);
        else out.push(readFileSync(path, 'utf8'));
      }
    };
    walk(dir);
    return out;
  }

  it('lints a read-only project in every format without writing anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-ro-'));
    cpSync(join(repo, 'examples', 'insecure'), join(dir, 'p'), { recursive: true });
    writeFileSync(join(dir, 'p', '.env'), 'TAG=1.27\n');
    const project = join(dir, 'p');
    for (const f of readdirSync(project)) chmodSync(join(project, f), 0o444);
    chmodSync(project, 0o555);
    const before = snapshot(project);
    try {
      for (const format of FORMATS) {
        const { code, stderr } = cli(['compose.yaml', '--format', format], project);
        expect(code, format).toBe(1);
        noStack(stderr);
      }
      expect(snapshot(project)).toEqual(before);
    } finally {
      chmodSync(project, 0o755);
    }
  });

  it('never loads a network module nor runs a process', () => {
    // commander requires child_process for subcommands it never runs here: loading it is allowed, calling it is not.
    const banned = String.raw`/^(node:)?(net|http|https|http2|dns|dgram|tls|cluster)$/`;
    const dir = tree({
      'compose.yaml': 'include:\n  - https://example.com/remote.yaml\n' + GOOD + '    build:\n      context: https://github.com/x/y.git\n',
      'hooks.mjs': `export async function resolve(specifier, context, next) {\n  if (${banned}.test(specifier)) throw new Error('forbidden module ' + specifier);\n  return next(specifier, context);\n}\n`,
      'guard.mjs': `import Module, { register, syncBuiltinESMExports } from 'node:module';\nimport cp from 'node:child_process';\nfor (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) cp[name] = () => { throw new Error('forbidden call child_process.' + name); };\nsyncBuiltinESMExports();\nconst load = Module._load;\nModule._load = function (request, ...rest) {\n  if (${banned}.test(request)) throw new Error('forbidden module ' + request);\n  return load.call(this, request, ...rest);\n};\nregister('./hooks.mjs', import.meta.url);\n`,
    });
    const guard = ['--import', join(dir, 'guard.mjs')];
    // The guard works: a direct import of node:net fails under it.
    const control = spawnSync(process.execPath, [...guard, '--input-type=module', '-e', 'await import("node:net")'], { cwd: dir, encoding: 'utf8', env: cliEnv() });
    expect(control.stderr).toContain('forbidden module node:net');
    const exec = spawnSync(process.execPath, [...guard, '--input-type=module', '-e', 'const { execSync } = await import("node:child_process"); execSync("true")'], { cwd: dir, encoding: 'utf8', env: cliEnv() });
    expect(exec.stderr).toContain('forbidden call child_process.execSync');
    for (const format of FORMATS) {
      const { code, stdout, stderr } = cli(['compose.yaml', '--format', format], dir, guard);
      expect(stderr, format).not.toContain('forbidden');
      expect(code, format).toBe(1);
      expect(stdout, format).toContain('no-host-network');
    }
  });

  it('never prints a literal secret, in any format', () => {
    const secret = 'hunter2-Very-Secret-9876';
    const dir = tree({
      'fixed.yaml': `services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    environment:\n      DB_PASSWORD: "${secret}"\n      API_TOKEN: ${secret}x\n`,
      '.env': 'UNUSED_SECRET=env-only-value-5555\n',
    });
    for (const format of FORMATS) {
      const { stdout, stderr } = cli(['fixed.yaml', '--format', format], dir);
      expect(stdout, format).toContain('no-hardcoded-secret');
      expect(stdout + stderr, format).not.toContain(secret);
      expect(stdout + stderr, format).not.toContain('env-only-value-5555');
    }
  });
});
