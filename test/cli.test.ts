/** End-to-end CLI behaviour through the built binary (npm test builds first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN as bin, cliEnv } from './bin.js';
import { tempTree } from './tmp.js';
import { parseRuleOptions } from '../src/cli/options.js';

const repo = join(import.meta.dirname, '..');

function cli(args: string[], cwd = repo, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: cliEnv({ NO_COLOR: '1', ...env }) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The message parseRuleOptions refuses one --rule value with (in-process: no spawn for a string). */
function parseRuleOptionsError(value: string): string | undefined {
  try {
    parseRuleOptions([value]);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

describe('compose-lint CLI', () => {
  it('finds located problems in the insecure example and exits 1', () => {
    const { code, stdout } = cli(['examples/insecure/compose.yaml', '--format', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    const findings = JSON.stringify(json);
    expect(findings).toContain('no-public-datastore-port');
    expect(findings).toContain('no-host-network');
  });

  it('exits 2 with one clear line for a missing file', () => {
    const { code, stderr, stdout } = cli(['does-not-exist.yaml']);
    expect(code).toBe(2);
    expect(`${stdout}${stderr}`).toContain('does-not-exist.yaml');
    expect(`${stdout}${stderr}`).toMatch(/no such file/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('still lints the other files when one is missing', () => {
    const { code, stdout } = cli(['does-not-exist.yaml', 'examples/insecure/compose.yaml', '--format', 'json']);
    expect(code).toBe(2);
    expect(stdout).toContain('no-public-datastore-port');
  });

  it('rejects an unknown option, format, rule and severity with exit 2 and one line', () => {
    for (const args of [['--bogus'], ['--format', 'xml', 'examples'], ['--rule', 'no-such-rule=off', 'examples'], ['--rule', 'no-host-network=fatal', 'examples'], ['--preset', 'paranoid', 'examples']]) {
      const { code, stderr } = cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n').length, args.join(' ')).toBeLessThanOrEqual(2);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
    expect(cli(['--rule', 'no-links', 'examples']).stderr).toBe('compose-lint: invalid --rule no-links: expected <rule-id>=<severity>, e.g. --rule no-links=off\n');
    expect(parseRuleOptionsError('no-links:warning')).toBe('invalid --rule no-links:warning: expected <rule-id>=<severity>, e.g. --rule no-links=warning');
    expect(parseRuleOptionsError('no-links: bogus')).toBe('invalid --rule no-links: bogus: expected <rule-id>=<severity>, e.g. --rule no-links=off');
    // Commander's own errors read like the others: the prefix, one line, where to look.
    expect(cli(['--bogus-flag', 'examples'])).toEqual({ code: 2, stdout: '', stderr: "compose-lint: unknown option '--bogus-flag' (see compose-lint --help)\n" });
    expect(cli(['--basline', 'b.json']).stderr).toBe("compose-lint: unknown option '--basline'; did you mean --baseline? (see compose-lint --help)\n");
    expect(cli(['--format']).stderr).toBe("compose-lint: option '--format <format>' argument missing (see compose-lint --help)\n");
    expect(cli(['graph', '--bogus']).stderr).toBe("compose-lint: unknown option '--bogus' (see compose-lint graph --help)\n");
  });

  it('turns a rule off with --rule', () => {
    const { stdout } = cli(['examples/insecure/compose.yaml', '--format', 'json', '--rule', 'no-host-network=off']);
    expect(stdout).not.toContain('no-host-network');
  });

  it('reports invalid YAML as one located yaml-syntax finding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: a\n    image: b\n');
    const { code, stdout } = cli(['compose.yaml', '--format', 'json'], dir);
    expect(code).toBe(1);
    const text = JSON.stringify(JSON.parse(stdout));
    expect(text).toContain('yaml-syntax');
    expect(text).toMatch(/"line":4/);
  });

  it('finds the default compose file when no path is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n');
    const { code, stdout } = cli(['--format', 'json'], join(dir, 'sub'));
    expect(code).toBe(1);
    expect(stdout).toContain('no-host-network');
  });

  it('lists rules with their severities', () => {
    const { code, stdout } = cli(['--list-rules']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/no-host-network\s+error\s+recommended/);
    expect(stdout).toMatch(/no-unbound-port\s+warning/);
    const json = cli(['--list-rules', '--format', 'json']);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as { formatVersion: number; rules: { id: string }[] };
    expect(listed.formatVersion).toBe(1);
    expect(listed.rules.map((r) => r.id)).toEqual([...stdout.matchAll(/^([a-z-]+)\s/gm)].map((m) => m[1]));
    expect(listed.rules.find((r) => r.id === 'no-host-network')).toEqual({
      id: 'no-host-network', severity: 'error', preset: 'recommended', category: 'network', fixable: false, title: 'Do not use host networking',
      docsUrl: 'https://github.com/compose-lint/compose-lint/blob/main/docs/rules/no-host-network.md',
    });
    const sarif = cli(['--list-rules', '--format', 'sarif']);
    expect([sarif.code, sarif.stdout, sarif.stderr]).toEqual([2, '', 'compose-lint: --list-rules prints text or json, not sarif\n']);
  });

  it('prints its version', () => {
    const { code, stdout } = cli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  describe('refuses an output file that the run reads, and leaves that file alone', () => {
    // The rules read the Dockerfile (is app a datastore?) and nginx.conf (does proxy name db in it?).
    const COMPOSE = 'services:\n  app:\n    extends: {file: base.yml, service: base}\n    env_file: app.env\n  proxy:\n    image: nginx:1.27\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]\n    ports: ["80:80"]\n  db:\n    image: postgres:16\n';
    const files: Record<string, string> = {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'docker-compose.yml': COMPOSE,
      'base.yml': 'services:\n  base:\n    build: {context: ., dockerfile: Dockerfile}\n',
      'Dockerfile': 'FROM nginx:1.27\n',
      'nginx.conf': 'events {}\n',
      'app.env': 'A=1\n',
      '.env': 'B=2\n',
      'vars.env': 'C=3\n',
      '.compose-lint.yaml': 'preset: recommended\n',
      'baseline.json': '{"version": 1, "findings": []}\n',
    };
    it.each([
      [['-o', 'docker-compose.yml'], 'docker-compose.yml', 'a compose file this run lints'],
      [['--sarif-output', 'docker-compose.yml', 'docker-compose.yml'], 'docker-compose.yml', 'a compose file this run lints'],
      [['--write-baseline', './docker-compose.yml', 'docker-compose.yml'], 'docker-compose.yml', 'a compose file this run lints'],
      [['--fix', '-o', 'docker-compose.yml', 'docker-compose.yml'], 'docker-compose.yml', 'a compose file this run lints'],
      [['-o', 'base.yml', 'docker-compose.yml'], 'base.yml', 'a file this run reads'],
      [['-o', 'app.env', 'docker-compose.yml'], 'app.env', 'a file this run reads'],
      [['-o', '.env', 'docker-compose.yml'], '.env', 'a file this run reads'],
      [['--env-file', 'vars.env', '-o', 'vars.env', 'docker-compose.yml'], 'vars.env', 'an env file this run reads'],
      [['-o', '.compose-lint.yaml', 'docker-compose.yml'], '.compose-lint.yaml', 'the configuration file'],
      [['--baseline', 'baseline.json', '-o', 'baseline.json', 'docker-compose.yml'], 'baseline.json', 'the baseline this run reads'],
      [['-o', 'Dockerfile', 'docker-compose.yml'], 'Dockerfile', 'a file the rules read (a Dockerfile or mounted config file)'],
      [['-o', 'nginx.conf', 'docker-compose.yml'], 'nginx.conf', 'a file the rules read (a Dockerfile or mounted config file)'],
      [['graph', '-o', 'docker-compose.yml', 'docker-compose.yml'], 'docker-compose.yml', 'a compose file of the picture'],
      [['graph', '-o', 'base.yml', 'docker-compose.yml'], 'base.yml', 'a file this run reads'],
    ])('%j', (args, file, what) => {
      const dir = tempTree('cl-output-', files);
      const { code, stderr } = cli(args, dir);
      const flag = args.find((a) => ['-o', '--sarif-output', '--write-baseline'].includes(a))!;
      const shown = args[args.indexOf(flag) + 1];
      expect([code, stderr]).toEqual([2, `compose-lint: ${flag === '-o' ? '--output' : flag} ${shown} is ${what}: refusing to overwrite it; give another path\n`]);
      expect(readFileSync(join(dir, file), 'utf8')).toBe(files[file]);
    });

    it('through a symbolic link to an input, and for standard input named by --stdin-filename', () => {
      const dir = tempTree('cl-output-', files);
      symlinkSync('docker-compose.yml', join(dir, 'link.yml'));
      expect(cli(['-o', 'link.yml', 'docker-compose.yml'], dir).code).toBe(2);
      const stdin = spawnSync(process.execPath, [bin, '--stdin', '--stdin-filename', 'docker-compose.yml', '-o', 'docker-compose.yml'], { cwd: dir, input: COMPOSE, encoding: 'utf8', env: cliEnv() });
      expect(stdin.status).toBe(2);
      expect(readFileSync(join(dir, 'docker-compose.yml'), 'utf8')).toBe(COMPOSE);
      // Another name is written as usual.
      expect(cli(['-o', 'report.txt', 'docker-compose.yml'], dir).code).toBe(0);
      expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('no-unbound-port');
    });
  });

  it('writes SARIF beside another format from the same run with --sarif-output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-lint-sarif-output-'));
    const insecure = join(repo, 'examples', 'insecure', 'compose.yaml');
    const both = cli([insecure, '--format', 'github', '--sarif-output', join(dir, 'report.sarif')]);
    const alone = cli([insecure, '--format', 'sarif']);
    expect(both.code).toBe(1);
    expect(both.stdout).toMatch(/^::error file=/m);
    // The same SARIF as --format sarif, fix edits included.
    expect(readFileSync(join(dir, 'report.sarif'), 'utf8')).toBe(alone.stdout);
    expect(alone.stdout).toContain('"fixes"');
    const same = cli([insecure, '--sarif-output', join(dir, 'r.sarif'), '-o', join(dir, '.', 'r.sarif')]);
    expect([same.code, same.stderr]).toEqual([2, 'compose-lint: --sarif-output and --output name the same file: give them different paths\n']);
    // A SARIF file that cannot be written: the report and the other notes still come, then exit 2.
    const unwritable = cli([insecure, '--max-warnings', '0', '--sarif-output', join(dir, 'no-such-dir', 'r.sarif')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stdout).toContain('no-host-network');
    expect(unwritable.stderr).toMatch(/^compose-lint: too many warnings: .*\ncompose-lint: cannot write .*r\.sarif: ENOENT\n$/);
    const pointless = cli(['--list-rules', '--sarif-output', join(dir, 'x.sarif')]);
    expect(pointless.code).toBe(2);
    expect(pointless.stderr).toContain('--sarif-output needs a lint to report');
  });

  it('writes colour into a -o file only with --color, never from FORCE_COLOR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-colour-'));
    const insecure = join(repo, 'examples', 'insecure', 'compose.yaml');
    const report = (name: string) => readFileSync(join(dir, name), 'utf8');
    cli([insecure, '-o', join(dir, 'forced.txt')], repo, { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(report('forced.txt')).toContain('no-host-network');
    expect(report('forced.txt')).not.toContain('\x1b');
    cli([insecure, '-o', join(dir, 'flag.txt'), '--color'], repo, { NO_COLOR: '', FORCE_COLOR: '' });
    expect(report('flag.txt')).toContain('\x1b[');
    // On standard output, FORCE_COLOR still forces it.
    expect(cli([insecure], repo, { NO_COLOR: '', FORCE_COLOR: '1' }).stdout).toContain('\x1b[');
  });

  it('respects --max-warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n');
    expect(cli(['compose.yaml'], dir).code).toBe(0);
    expect(cli(['compose.yaml', '--max-warnings', '0'], dir).code).toBe(1);
  });

  it('refuses a FIFO without hanging', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-'));
    const fifo = join(dir, 'compose.yaml');
    spawnSync('mkfifo', [fifo]);
    const { code, stdout, stderr } = cli([fifo]);
    expect(code).toBe(2);
    expect(`${stdout}${stderr}`).toMatch(/not a regular file/);
  });
});
