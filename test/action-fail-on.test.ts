/** The fail-on, max-warnings and config inputs of the GitHub Action, and its check of the Node version, run as in action-runner.ts. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSarif, root, runAction, sh, workspaces } from './action-runner.js';

const workspace = workspaces();

describe('fail-on and max-warnings', { timeout: 120_000 }, () => {
  let cwd: string;
  beforeAll(() => {
    cwd = workspace('thresholds');
    // The secure design with its web port published on every interface: one warning, nothing else.
    const secure = readFileSync(join(root, 'examples/secure/compose.yaml'), 'utf8');
    const warned = secure.replace('"127.0.0.1:8080:80"', '"8080:80"');
    expect(warned).not.toBe(secure);
    mkdirSync(join(cwd, 'warned'));
    writeFileSync(join(cwd, 'warned', 'compose.yaml'), warned);
  });

  it('fails on warnings only from fail-on: warning, unless max-warnings allows them', async () => {
    const byDefault = await runAction(cwd, { paths: 'warned' });
    expect(byDefault.summary).toMatch(/^compose-lint: 0 error\(s\), 1 warning\(s\), 0 note\(s\)/);
    expect(byDefault.outputs['exit-code']).toBe('0');
    expect((await runAction(cwd, { paths: 'warned', 'fail-on': 'warning' })).outputs['exit-code']).toBe('1');
    expect((await runAction(cwd, { paths: 'warned', 'fail-on': 'warning', 'max-warnings': '1' })).outputs['exit-code']).toBe('0');
    // max-warnings replaces the warning threshold of fail-on: note too; notes would still fail.
    expect((await runAction(cwd, { paths: 'warned', 'fail-on': 'note', 'max-warnings': '100' })).outputs['exit-code']).toBe('0');
    expect((await runAction(cwd, { paths: 'warned', 'fail-on': 'note', 'max-warnings': '0' })).outputs['exit-code']).toBe('1');
  });

  it('accepts fail-on: never: findings never fail the job, and max-warnings beside it is an error', async () => {
    const never = await runAction(cwd, { paths: 'examples/insecure', 'fail-on': 'never', 'sarif-file': 'never.sarif' });
    expect(never.summary).toMatch(/^compose-lint: 2 error\(s\)/);
    expect(never.outputs['exit-code']).toBe('0');
    expect(never.exitCode).toBe(0);
    const both = await runAction(cwd, { paths: 'warned', 'fail-on': 'never', 'max-warnings': '3' });
    expect(both.outputs).toMatchObject({ 'exit-code': '2', 'sarif-written': 'false' });
    expect(both.log).toContain('::error title=compose-lint::max-warnings cannot fail a run with fail-on: never');
    expect(both.exitCode).toBe(2);
  });

  it('fails on notes from fail-on: note (the strict preset reports notes on the secure example)', async () => {
    const allowWarnings = { paths: 'examples/secure', preset: 'strict', 'max-warnings': '1000' };
    const byError = await runAction(cwd, { ...allowWarnings, 'sarif-file': 'error.sarif' });
    const levels = readSarif(cwd, 'error.sarif').runs[0]!.results.map((r) => r.level);
    expect(levels).toContain('note');
    expect(levels).not.toContain('error');
    expect(byError.outputs['exit-code']).toBe('0');
    const byNote = await runAction(cwd, { ...allowWarnings, 'fail-on': 'note' });
    expect(byNote.outputs['exit-code']).toBe('1');
    expect(byNote.exitCode).toBe(1);
  });

  it('reads the config input with --config: its failOn applies unless fail-on asks for more', async () => {
    writeFileSync(join(cwd, 'policy.yaml'), 'failOn: warning\nrules:\n  require-healthcheck: off\n');
    const run = await runAction(cwd, { paths: 'warned', config: 'policy.yaml', 'sarif-file': 'policy.sarif' });
    expect(run.outputs['exit-code']).toBe('1');
    writeFileSync(join(cwd, 'quiet.yaml'), 'rules:\n  no-unbound-port: off\n');
    const quiet = await runAction(cwd, { paths: 'warned', config: 'quiet.yaml', 'fail-on': 'warning' });
    expect(quiet.summary).toMatch(/^compose-lint: 0 error\(s\), 0 warning\(s\)/);
    expect(quiet.outputs['exit-code']).toBe('0');
    const broken = await runAction(cwd, { paths: 'warned', config: 'no-such-config.yaml' });
    expect(broken.outputs['exit-code']).toBe('2');
  });

  it('records exit code 2 for an invalid fail-on and fails the job', async () => {
    const run = await runAction(cwd, { paths: 'warned', 'fail-on': 'critical' });
    expect(run.outputs).toMatchObject({ 'exit-code': '2', 'sarif-written': 'false' });
    expect(run.log).toContain('::error title=compose-lint::invalid fail-on "critical"');
    expect(run.exitCode).toBe(2);
  });

  it('records exit code 2 when a path does not exist, and still writes SARIF', async () => {
    const run = await runAction(cwd, { paths: 'no-such-compose.yaml' });
    expect(run.outputs).toMatchObject({ 'exit-code': '2', 'sarif-written': 'true' });
    expect(run.exitCode).toBe(2);
  });

  it('records exit code 2 with a clear error on a runner whose Node is older than 20', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'compose-lint-old-node-'));
    writeFileSync(join(bin, 'node'), '#!/bin/sh\necho v18.19.0\n');
    chmodSync(join(bin, 'node'), 0o755);
    const output = join(bin, 'output');
    const result = await sh(`bash ${JSON.stringify(join(root, 'scripts/action/run.sh'))}`, { PATH: `${bin}:${process.env['PATH']}`, GITHUB_OUTPUT: output }, cwd);
    expect(result.stdout).toContain('::error title=compose-lint::compose-lint needs Node.js 20 or later (found v18.19.0)');
    expect(readFileSync(output, 'utf8')).toContain('exit-code=2');
  });
});
