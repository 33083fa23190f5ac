/** The library API honours config files as the CLI does, and lints text in memory (src/index.ts). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, lint, lintSource } from '../src/index.js';

const UNBOUND = 'services:\n  web:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: ["8080:90"]\n';

function repo(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-api-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, '.compose-lint.yaml'), config);
  writeFileSync(join(dir, 'app', 'compose.yaml'), UNBOUND);
  writeFileSync(join(dir, 'other.yaml'), 'rules:\n  no-unbound-port: off\n');
  return dir;
}

const severityOf = (report: { findings: { ruleId: string; severity: string }[] }, id: string) => report.findings.find((f) => f.ruleId === id)?.severity;

describe('lint() and config files', () => {
  it('finds the config file, takes an explicit one, or none with config: false', async () => {
    const dir = repo('rules:\n  no-unbound-port: error\n');
    expect(severityOf(await lint('app', { cwd: dir }), 'no-unbound-port')).toBe('error');
    expect(severityOf(await lint('app', { cwd: dir, config: 'other.yaml' }), 'no-unbound-port')).toBeUndefined();
    expect(severityOf(await lint('app', { cwd: dir, config: false }), 'no-unbound-port')).toBe('warning');
    // Options win over the config file, as flags do.
    expect(severityOf(await lint('app', { cwd: dir, rules: { 'no-unbound-port': 'note' } }), 'no-unbound-port')).toBe('note');
  });

  it('attaches fixes and skips ignored files', async () => {
    const dir = repo('ignore: ["app/"]\n');
    expect((await lint('.', { cwd: dir })).files).toEqual([]);
    const report = await lint('app', { cwd: dir, config: false });
    expect(report.findings.find((f) => f.ruleId === 'no-unbound-port')?.fix?.edits[0]?.text).toBe('"127.0.0.1:8080:90"');
  });

  it('throws ConfigError with positions for an invalid config file', async () => {
    const dir = repo('rules:\n  no-such-rule: error\n');
    const error = await lint('app', { cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toMatchObject({ line: 2, column: 3 });
  });
});

describe('lintSource()', () => {
  it('lints text as the named file: same report shape, config and suppressions apply', () => {
    const dir = repo('rules:\n  no-unbound-port: error\n');
    const report = lintSource(UNBOUND, 'app/compose.yaml', { cwd: dir });
    expect(report.files).toEqual([join('app', 'compose.yaml')]);
    expect(report.findings.find((f) => f.ruleId === 'no-unbound-port')).toMatchObject({ severity: 'error', file: join('app', 'compose.yaml'), line: 5 });
    const suppressed = lintSource(UNBOUND.replace('["8080:90"]', '["8080:90"] # compose-lint-disable-line no-unbound-port -- public'), 'app/compose.yaml', { cwd: dir });
    expect(suppressed.findings.find((f) => f.ruleId === 'no-unbound-port')?.suppression).toEqual({ kind: 'inSource', justification: 'public' });
    expect(suppressed.summary.suppressed).toBe(1);
  });
});
