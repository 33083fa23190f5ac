/** Microsoft's SARIF validator (the one GitHub's upload docs point to) must report zero errors on our output. */
import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { lintFiles } from '../src/lint.js';
import { formatSarif } from '../src/reporters/sarif.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const multitool = join(root, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
const run = promisify(execFile);

/** The package's postinstall (which sets the execute bit) does not run when install scripts are disallowed. */
function ensureExecutable(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, statSync(path).mode | 0o100);
  }
}

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

async function validate(sarifPath: string, ruleKind?: string): Promise<ValidatorResult[]> {
  const out = `${sarifPath}.${ruleKind ?? 'default'}.validation.sarif`;
  const args = ['validate', sarifPath, '-o', out, '--log', 'ForceOverwrite', '--quiet'];
  if (ruleKind) args.push('--rule-kind', ruleKind);
  // Exit code 1 just means it found something; the log says what.
  await run(multitool, args, { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } }).catch((error: { code?: number }) => {
    if (typeof error.code !== 'number') throw error;
  });
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: ValidatorResult[] }[] };
  return log.runs.flatMap((r) => r.results ?? []);
}

const describeIf = process.platform === 'linux' && existsSync(multitool) ? describe : describe.skip;

describeIf('SARIF output passes sarif-multitool validate', () => {
  let dir: string;
  const found: Record<string, ValidatorResult[]> = {};

  beforeAll(async () => {
    ensureExecutable(multitool);
    dir = mkdtempSync(join(tmpdir(), 'compose-lint-sarif-'));
    const fixture = join(root, 'fixtures/reporters/insecure/compose.yaml');
    const result = await lintFiles([fixture], { cwd: root });
    const missing = 'fixtures/reporters/insecure/missing.yaml';
    result.results.push({ file: missing, findings: [], error: { file: missing, message: 'no such file' } });
    const sarif = formatSarif(result, { rules: allRules.map((r) => r.meta), toolVersion: '1.2.3', cwd: root, color: false });
    expect(JSON.parse(sarif).runs[0].results.length).toBeGreaterThanOrEqual(3);
    const ours = join(dir, 'report.sarif');
    writeFileSync(ours, sarif);
    // A control the validator must reject, so a silently broken validator run cannot pass.
    const control = join(dir, 'control.sarif');
    writeFileSync(control, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm.' } }] }] }));
    // The two cores run the validations side by side: each one takes a second or two.
    const [byDefault, byGithub, controlGithub] = await Promise.all([validate(ours), validate(ours, 'Gh'), validate(control, 'Gh')]);
    Object.assign(found, { byDefault, byGithub, controlGithub });
  }, 120_000); // generous: the validator is a .NET binary and CI machines are shared
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const errors = (results: ValidatorResult[] | undefined) =>
    (results ?? []).filter((r) => r.level === 'error').map((r) => `${r.ruleId}: ${r.message.text ?? r.message.id} ${(r.message.arguments ?? []).join(' | ')}`);

  it('rejects a SARIF log missing what GitHub requires (control)', () => {
    expect(errors(found['controlGithub']).length).toBeGreaterThan(0);
  });

  it('has no errors with the default rule kinds', () => {
    expect(found['byDefault']).toBeDefined();
    expect(errors(found['byDefault'])).toEqual([]);
  });

  it('has no errors with the GitHub rule kind', () => {
    expect(found['byGithub']).toBeDefined();
    expect(errors(found['byGithub'])).toEqual([]);
  });
});
