/** The library entry point (src/index.ts), from source; test/package.test.ts uses it from the packed tarball. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const insecure = 'examples/insecure/compose.yaml';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'compose-lint-api-'));
  mkdirSync(join(dir, 'stack', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'stack', 'nested', 'docker-compose.yml'), 'services:\n  app:\n    image: nginx:1.27\n    network_mode: host\n');
  writeFileSync(join(dir, 'stack', 'values.yaml'), 'services:\n  app:\n    network_mode: host\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("import { lint } from 'compose-lint'", () => {
  it('returns exactly what `compose-lint --format json` prints', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist/src/cli/main.js'), '--format', 'json', insecure], { cwd: root }).catch(
      (error: { stdout: string }) => error,
    );
    const report = await lint([insecure], { cwd: root });
    expect(report).toEqual(JSON.parse(stdout));
    expect(report.findings.map((f) => f.ruleId)).toContain('no-public-datastore-port');
  });

  it('searches directories for compose file names and shows paths relative to cwd', async () => {
    const report = await lint('stack', { cwd: dir });
    expect(report.files).toEqual([join('stack', 'nested', 'docker-compose.yml')]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toContainEqual(['no-host-network', join('stack', 'nested', 'docker-compose.yml'), 4]);
    // values.yaml is not a compose file name, so its host networking goes unseen.
    expect(new Set(report.findings.map((f) => f.file))).toEqual(new Set([join('stack', 'nested', 'docker-compose.yml')]));
  });

  it('reports unreadable paths in fileErrors instead of throwing', async () => {
    const report = await lint(['missing.yaml', 'stack'], { cwd: dir });
    expect(report.fileErrors.map((e) => e.file)).toContain('missing.yaml');
    expect(report.summary.unreadableFiles).toBe(1);
    expect(report.files).toContain(join('stack', 'nested', 'docker-compose.yml'));
  });

  it('applies the preset and per-rule severities, given as a string or as an override', async () => {
    const recommended = await lint(insecure, { cwd: root });
    const tuned = await lint(insecure, { cwd: root, rules: { 'no-host-network': 'off', 'no-unbound-port': { severity: 'error' } } });
    expect(recommended.findings.map((f) => f.ruleId)).toContain('no-host-network');
    expect(tuned.findings.map((f) => f.ruleId)).not.toContain('no-host-network');
    expect(tuned.findings.find((f) => f.ruleId === 'no-unbound-port')?.severity).toBe('error');
    const strict = await lint(insecure, { cwd: root, preset: 'strict' });
    expect(strict.findings.length).toBeGreaterThan(recommended.findings.length);
  });

  it('rejects an unknown rule, severity or preset', async () => {
    await expect(lint(insecure, { rules: { 'no-such-rule': 'error' } })).rejects.toThrow('unknown rule "no-such-rule"');
    await expect(lint(insecure, { rules: { 'no-host-network': 'fatal' as 'error' } })).rejects.toThrow('invalid severity "fatal"');
    await expect(lint(insecure, { preset: 'paranoid' as 'strict' })).rejects.toThrow('unknown preset "paranoid"');
  });
});
