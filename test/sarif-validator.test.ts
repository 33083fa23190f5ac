/** Microsoft's SARIF validator (the one GitHub's upload docs point to) must report zero errors on our output. */
import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { resolveSettings } from '../src/engine/config.js';
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
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
}

/** One run over every log (the validator takes seconds to start): its results, by the file they are about. */
async function validate(logs: string[], out: string): Promise<Map<string, ValidatorResult[]>> {
  // Sarif: the default rule kind; Gh: what GitHub code scanning requires on upload.
  // SARIF2006 fetches every help URI over HTTP: offline, each run would wait out DNS timeouts.
  // (The validator rejects --quiet beside --config: its console output is dropped instead.)
  const policy = join(dirname(out), 'policy.xml');
  writeFileSync(policy, '<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">\n    <Property Key="RuleEnabled" Value="Disabled" />\n  </Properties>\n</Properties>\n');
  const args = ['validate', ...logs, '-o', out, '--log', 'ForceOverwrite', '--config', policy, '--rule-kind', 'Sarif;Gh'];
  // Exit code 1 just means it found something; the log says what.
  await run(multitool, args, { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } }).catch((error: { code?: number }) => {
    if (typeof error.code !== 'number') throw error;
  });
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: ValidatorResult[] }[] };
  const byFile = new Map<string, ValidatorResult[]>(logs.map((l) => [l, []]));
  for (const result of log.runs.flatMap((r) => r.results ?? [])) {
    const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    const file = logs.find((l) => uri.endsWith(basename(l)));
    if (file === undefined) throw new Error(`validator result about an unknown file: ${JSON.stringify(result)}`);
    byFile.get(file)!.push(result);
  }
  return byFile;
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
    // The run's configuration too: rules turned off, re-levelled and given options, one project set otherwise.
    const configured = resolveSettings(allRules, 'recommended', new Map([['no-unbound-port', { severity: 'error' }], ['no-over-connected-service', { options: { max: 3 } }]]));
    const ruleSettings = [{ file: result.results[0]!.file, settings: configured }, { file: missing, settings: resolveSettings(allRules, 'strict') }];
    const sarif = formatSarif(result, { rules: allRules.map((r) => r.meta), toolVersion: '1.2.3', cwd: root, color: false, ruleSettings });
    expect(JSON.parse(sarif).runs[0].results.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(sarif).runs[0].invocations[0].ruleConfigurationOverrides.some((o: { properties?: unknown }) => o.properties)).toBe(true);
    const ours = join(dir, 'report.sarif');
    writeFileSync(ours, sarif);
    // A control the validator must reject, so a silently broken validator run cannot pass.
    const control = join(dir, 'control.sarif');
    writeFileSync(control, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm.' } }] }] }));
    const byFile = await validate([ours, control], join(dir, 'validation.sarif'));
    Object.assign(found, { ours: byFile.get(ours), control: byFile.get(control) });
  }, 120_000); // generous: the validator is a .NET binary and CI machines are shared
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const errors = (results: ValidatorResult[] | undefined) =>
    (results ?? []).filter((r) => r.level === 'error').map((r) => `${r.ruleId}: ${r.message.text ?? r.message.id} ${(r.message.arguments ?? []).join(' | ')}`);

  it('rejects a SARIF log missing what the SARIF and GitHub rules require (control)', () => {
    const kinds = new Set(errors(found['control']).map((e) => e.replace(/\d+:.*/s, '')));
    // Both rule kinds ran: SARIF1010 (no ruleId) and GitHub's GH10xx rules.
    expect([...kinds].sort()).toEqual(['GH', 'SARIF']);
  });

  it('has no errors by the SARIF rules or by the GitHub rules', () => {
    expect(found['ours']).toBeDefined();
    expect(errors(found['ours'])).toEqual([]);
  });
});
