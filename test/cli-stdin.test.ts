/** Standard input, --explain, colour and closed pipes, through the built binary (npm test builds first). */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN as bin, cliEnv } from './bin.js';

const repo = join(import.meta.dirname, '..');
const HOST = 'services:\n  web:\n    image: webui:1.27\n    network_mode: host\n';

function cli(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env = cliEnv({ NO_COLOR: '', FORCE_COLOR: '', ...options.env });
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? repo, input: options.input ?? '', encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('standard input', () => {
  it('lints `-` as <stdin> with the current directory as project directory', () => {
    const { code, stdout } = cli(['-', '--format', 'json'], { input: HOST });
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { files: string[]; findings: { ruleId: string; file: string; line: number }[] };
    expect(json.files).toEqual(['<stdin>']);
    expect(json.findings).toContainEqual(expect.objectContaining({ ruleId: 'no-host-network', file: '<stdin>', line: 4 }));
  });

  it('reports --stdin-filename relative to the current directory and reads .env from its directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-stdin-'));
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', '.env'), 'MODE=host\n');
    const { code, stdout } = cli(['--stdin', '--stdin-filename', join(dir, 'app', 'compose.yaml'), '--format', 'json'], {
      cwd: dir,
      input: 'services:\n  web:\n    image: webui:1.27\n    network_mode: ${MODE}\n',
    });
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { findings: { ruleId: string; file: string }[] };
    expect(json.findings).toContainEqual(expect.objectContaining({ ruleId: 'no-host-network', file: join('app', 'compose.yaml') }));
  });

  it('shows code frames from the text it read', () => {
    const { stdout } = cli(['-', '--stdin-filename', 'nowhere/compose.yaml'], { input: HOST });
    expect(stdout).toContain('nowhere/compose.yaml:4:19');
    expect(stdout).toContain('> 4 |     network_mode: host');
  });

  it('says that standard input was ignored when --stdin-filename matches the config file ignore list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-stdin-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.compose-lint.yaml'), 'ignore: ["vendor/"]\n');
    const ignored = cli(['--stdin', '--stdin-filename', 'vendor/compose.yaml'], { cwd: dir, input: 'x: [\n' });
    expect([ignored.code, ignored.stderr]).toEqual([0, `compose-lint: vendor/compose.yaml (standard input): ignored by ${join(dir, '.compose-lint.yaml')}\n`]);
    // Not ignored: linted, and silent on standard error.
    const linted = cli(['--stdin', '--stdin-filename', 'compose.yaml'], { cwd: dir, input: HOST });
    expect([linted.code, linted.stderr]).toEqual([1, '']);
  });

  it('refuses other paths beside standard input', () => {
    const { code, stderr } = cli(['-', 'examples'], { input: HOST });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^compose-lint: standard input is linted on its own/);
  });

  it('prints a diff with --fix-dry-run', () => {
    const { stdout } = cli(['-', '--fix-dry-run', '--stdin-filename', 'compose.yaml'], { input: 'services:\n  web:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    privileged: true\n' });
    expect(stdout).toContain('--- a/compose.yaml\n+++ b/compose.yaml\n');
    expect(stdout).toContain('-    privileged: true\n');
  });

  it('--fix-dry-run fixes a file that standard input includes once, and reports on its fixed text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-stdin-'));
    mkdirSync(join(dir, '.git'));
    const included = 'services:\n  inc:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: ["81:90"]\n';
    writeFileSync(join(dir, 'inc.yaml'), included);
    const input = 'include:\n  - inc.yaml\nservices:\n  app:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: ["90:90"]\n';
    const { code, stdout } = cli(['-', '--fix-dry-run', '--stdin-filename', 'app.yaml'], { cwd: dir, input });
    // Its lints saw the file as it was on disk: each pass fixed the same port again, ten times over.
    expect(stdout).toContain('-    ports: ["81:90"]\n+    ports: ["127.0.0.1:81:90"]\n');
    expect(stdout).toContain('-    ports: ["90:90"]\n+    ports: ["127.0.0.1:90:90"]\n');
    expect(stdout.match(/would fix/g)).toHaveLength(2);
    // What remains is linted with the fixed texts, as for files.
    expect(stdout).not.toContain('no-unbound-port\n');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'inc.yaml'), 'utf8')).toBe(included);
  });
});

describe('--explain', () => {
  it('prints a rule page offline', () => {
    const { code, stdout } = cli(['--explain', 'no-host-network']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^no-host-network\n=+\n/);
    expect(stdout).toContain('network_mode: host');
  });

  it('prints the metadata and the Markdown page with --format json, and refuses other formats', () => {
    const { code, stdout } = cli(['--explain', 'no-host-network', '--format', 'json']);
    expect(code).toBe(0);
    const { formatVersion, rule } = JSON.parse(stdout) as { formatVersion: number; rule: Record<string, unknown> };
    expect(formatVersion).toBe(1);
    expect(rule).toMatchObject({ id: 'no-host-network', severity: 'error', category: 'network', preset: 'recommended' });
    expect(rule['docs']).toMatch(/^# no-host-network\n/);
    expect(Object.keys(rule['messages'] as object).length).toBeGreaterThan(0);
    const sarif = cli(['--explain', 'no-host-network', '--format', 'sarif']);
    expect([sarif.code, sarif.stdout, sarif.stderr]).toEqual([2, '', 'compose-lint: --explain prints text or json, not sarif\n']);
  });

  it('exits 2 with one line for an unknown rule', () => {
    const { code, stdout, stderr } = cli(['--explain', '../../etc/passwd']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('compose-lint: unknown rule "../../etc/passwd" (see --list-rules)\n');
  });
});

describe('colour', () => {
  const ESC = '\x1b[';
  it('is off in a pipe, and with NO_COLOR or --no-color even when forced', () => {
    expect(cli(['-'], { input: HOST }).stdout).not.toContain(ESC);
    expect(cli(['-', '--no-color'], { input: HOST, env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    expect(cli(['-'], { input: HOST, env: { NO_COLOR: '1' } }).stdout).not.toContain(ESC);
  });

  it('is on with --color or FORCE_COLOR', () => {
    expect(cli(['-', '--color'], { input: HOST }).stdout).toContain(ESC);
    expect(cli(['-'], { input: HOST, env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
  });
});

describe('a slow reader', () => {
  it('gets the whole of a report far larger than a pipe buffer', async () => {
    const child = spawn(process.execPath, [bin, 'examples', 'fixtures', '--format', 'json'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv() });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    // The pipe fills while nobody reads: the writer must wait, not lose output (test/terminal.test.ts covers a non-blocking pipe).
    setTimeout(() => child.stdout.on('data', (d: Buffer) => chunks.push(d)).resume(), 300);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect([1, 2]).toContain(code);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.length).toBeGreaterThan(1 << 17);
    expect(JSON.parse(text).findings.length).toBeGreaterThan(100);
  }, 60_000);
});

describe('a pipe closed early', () => {
  it('ends quietly, without a stack trace', async () => {
    // Every example and fixture, as JSON: far more than a pipe buffer.
    const child = spawn(process.execPath, [bin, 'examples', 'fixtures', '--format', 'json'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv() });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    // The exit code is decided before output starts, so findings still fail the run.
    expect([1, 2]).toContain(code);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  }, 60_000);

  it('still writes the SARIF file and the warnings on standard error, with the exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-epipe-'));
    const sarif = join(dir, 'out.sarif');
    const child = spawn(process.execPath, [bin, 'examples', 'fixtures', 'no-such.yaml', '--format', 'json', '--sarif-output', sarif], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv() });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('compose-lint: no-such.yaml: ');
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: unknown[] }[] };
    expect(log.runs[0]!.results.length).toBeGreaterThan(100);
  }, 60_000);
});
