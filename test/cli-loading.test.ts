/** Project loading through the built binary (npm test builds first): -f, overrides, env files, profiles, COMPOSE_FILE. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN as bin, cliEnv } from './bin.js';
import { tempTree } from './tmp.js';

const repo = join(import.meta.dirname, '..');
const projects = join(repo, 'fixtures', 'loader', 'projects');

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [bin, '--format', 'json', ...args], { cwd, encoding: 'utf8', env: cliEnv({ NO_COLOR: '1', ...env }) });
  const findings = result.stdout ? (JSON.parse(result.stdout).findings as { ruleId: string; file: string; line: number }[]) : [];
  return { code: result.status, stderr: result.stderr, findings, has: (rule: string, file?: string) => findings.some((f) => f.ruleId === rule && (!file || f.file === file)) };
}

describe('compose-lint project loading', () => {
  it('with no arguments, merges compose.override.yaml over compose.yaml; --no-override turns it off', () => {
    const cwd = join(projects, 'override');
    expect(cli([], cwd).has('no-public-datastore-port', 'compose.override.yaml')).toBe(true);
    expect(cli(['--no-override'], cwd).has('no-public-datastore-port')).toBe(false);
    // A directory walk lints the pair as one project, not the override on its own.
    const walk = cli(['.'], cwd);
    expect(walk.findings.filter((f) => f.ruleId === 'no-public-datastore-port')).toHaveLength(1);
    // Named alone (pre-commit passes only the staged file), the override is linted merged with its base,
    // once even when both are named; with --no-override it stays on its own.
    const staged = cli(['compose.override.yaml'], cwd);
    expect(staged.has('no-public-datastore-port', 'compose.override.yaml')).toBe(true);
    expect(JSON.parse(spawnSync(process.execPath, [bin, '--format', 'json', 'compose.override.yaml'], { cwd, encoding: 'utf8', env: cliEnv() }).stdout).files).toEqual(['compose.yaml']);
    expect(cli(['compose.override.yaml', 'compose.yaml'], cwd).findings).toEqual(walk.findings);
    // Alone, db has no image: PostgreSQL only by its port, and without its base's environment.
    const alone = spawnSync(process.execPath, [bin, '--format', 'json', '--no-override', 'compose.override.yaml'], { cwd, encoding: 'utf8', env: cliEnv() });
    expect(JSON.parse(alone.stdout).files).toEqual(['compose.override.yaml']);
    // A directory walk with --no-override leaves the override out, instead of linting it alone.
    const noOverride = spawnSync(process.execPath, [bin, '--format', 'json', '--no-override', '.'], { cwd, encoding: 'utf8', env: cliEnv() });
    expect(JSON.parse(noOverride.stdout).files).toEqual(['compose.yaml']);
  });

  it('pairs each default file with the override of its own family when a directory mixes both', () => {
    const web = (port: string) => `services:\n  web:\n    ports: ["${port}"]\n`;
    const cwd = tempTree('cl-families-', {
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'compose.override.yaml': web('80:80'),
      'docker-compose.yml': 'services:\n  app:\n    image: example/app:1.0\n',
      'docker-compose.override.yml': 'services:\n  app:\n    ports: ["8080:8080"]\n',
    });
    const walk = cli(['.'], cwd);
    expect(walk.has('compose-load')).toBe(false);
    expect(walk.findings.filter((f) => f.ruleId === 'no-unbound-port').map((f) => f.file)).toEqual(['compose.override.yaml', 'docker-compose.override.yml']);
    // Named alone, an override stands for the base of its own family.
    const staged = spawnSync(process.execPath, [bin, '--format', 'json', 'docker-compose.override.yml'], { cwd, encoding: 'utf8', env: cliEnv() });
    expect(JSON.parse(staged.stdout).files).toEqual(['docker-compose.yml']);
  });

  it('takes the other family override only when no base of that family claims it', () => {
    const only = tempTree('cl-fallback-', {
      'docker-compose.yml': 'services:\n  app:\n    image: example/app:1.0\n',
      'compose.override.yaml': 'services:\n  app:\n    ports: ["8080:8080"]\n',
    });
    expect(cli(['.'], only).findings.filter((f) => f.ruleId === 'no-unbound-port').map((f) => f.file)).toEqual(['compose.override.yaml']);
    const claimed = tempTree('cl-claimed-', {
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'compose.override.yaml': 'services:\n  web:\n    ports: ["80:80"]\n',
      'docker-compose.yml': 'services:\n  app:\n    image: example/app:1.0\n',
    });
    const walk = cli(['.'], claimed);
    expect(walk.has('compose-load')).toBe(false);
    expect(walk.findings.filter((f) => f.ruleId === 'no-unbound-port')).toHaveLength(1);
  });

  it('with no path, loads what docker compose would, whichever family the override is of', () => {
    const cwd = tempTree('cl-nopath-', {
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n',
      'docker-compose.override.yml': 'services:\n  web:\n    ports: ["80:80"]\n',
    });
    // compose-go takes compose.yaml and the first override file found, docker-compose.override.yml here.
    const run = spawnSync(process.execPath, [bin, '--format', 'json'], { cwd, encoding: 'utf8', env: cliEnv() });
    expect(JSON.parse(run.stdout).files).toEqual(['compose.yaml']);
    expect(cli([], cwd).findings.filter((f) => f.ruleId === 'no-unbound-port').map((f) => f.file)).toEqual(['docker-compose.override.yml']);
    // A directory scan lints docker-compose.yml with it instead, and compose.yaml alone.
    expect(cli(['.'], cwd).findings.filter((f) => f.ruleId === 'no-unbound-port')).toHaveLength(1);
  });

  it('a missing or unreadable --env-file stops the run with one line and exit code 2, before any lint', () => {
    // `node --`: without it Node 20 reads --env-file from the whole command line and exits 9 first (docs/loading.md).
    const run = (args: string[]) => spawnSync(process.execPath, ['--', bin, ...args], { cwd: join(projects, 'override'), encoding: 'utf8', env: cliEnv() });
    for (const args of [['--env-file', 'missing.env', 'compose.yaml'], ['graph', '--env-file', 'missing.env', 'compose.yaml']]) {
      const { status, stdout, stderr } = run(args);
      expect([status, stdout, stderr]).toEqual([2, '', 'compose-lint: cannot read --env-file missing.env: no such file\n']);
    }
    const dir = run(['--env-file', '.', 'compose.yaml']);
    expect([dir.status, dir.stderr]).toEqual([2, 'compose-lint: cannot read --env-file .: is a directory, not an env file\n']);
  });

  it('-f files merge in order into one project', () => {
    const run = cli(['-f', 'compose.yaml', '--file', 'compose.override.yaml'], join(projects, 'override'));
    expect(run.code).toBe(1);
    expect(run.has('no-public-datastore-port', 'compose.override.yaml')).toBe(true);
  });

  it('a missing -f file exits 2 with one clear line; other projects are still linted', () => {
    const run = cli(['-f', 'nope.yaml', join(projects, 'override', 'compose.yaml')], join(projects, 'override'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['compose-lint: nope.yaml: no such file']);
    expect(run.has('no-public-datastore-port')).toBe(true);
  });

  it('--env-file, --use-process-env and --profile', () => {
    const cwd = join(projects, 'interp');
    expect(cli([], cwd).has('no-host-network')).toBe(true);
    const empty = join(mkdtempSync(join(tmpdir(), 'cl-env-')), 'empty.env');
    writeFileSync(empty, '# nothing\n');
    expect(cli(['--env-file', empty], cwd).has('no-host-network')).toBe(false);
    expect(cli(['--env-file', empty], cwd, { NET: 'host' }).has('no-host-network')).toBe(false);
    expect(cli(['--env-file', empty, '--use-process-env'], cwd, { NET: 'host' }).has('no-host-network')).toBe(true);
    const profiles = join(projects, 'profiles');
    expect(cli([], profiles).has('no-host-network')).toBe(true);
    expect(cli(['--profile', 'tools'], profiles).has('no-host-network')).toBe(false);
  });

  it('COMPOSE_FILE and COMPOSE_PROFILES in .env choose files and profiles (docker/compose dotenv fixture)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-dotenv-'));
    cpSync(join(repo, 'fixtures', 'loader', 'docker-compose', 'dotenv'), dir, { recursive: true });
    const run = spawnSync(process.execPath, [bin, '--format', 'json', '--preset', 'strict'], { cwd: dir, encoding: 'utf8', env: cliEnv() });
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout);
    expect(json.files).toEqual(['development/compose.yaml']);
    const services = new Set((json.findings as { service?: string }[]).map((f) => f.service));
    expect(services).toEqual(new Set(['backend', 'test']));
  });
});
