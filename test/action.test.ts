/**
 * The GitHub Action, run locally: action.yml's shell steps are executed as the runner would
 * (its ${{ }} expressions expanded, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), except the
 * install step (pretest builds dist/; its build is checked on a copy of the repository) and the
 * upload (a `uses:` step, checked for its wiring).
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cliEnv } from './bin.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const multitool = join(root, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionYaml {
  inputs: Record<string, { default?: string; required?: boolean; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYaml;
const steps = action.runs.steps;
const lintStep = steps.find((s) => s.id === 'lint');
const uploadIndex = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
}

/** The subset of GitHub expressions the action's run steps use; anything else is a test failure. */
function expand(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) {
      const value = context.inputs[input[1]!];
      if (value === undefined) throw new Error(`action.yml reads undeclared input ${input[1]}`);
      return value;
    }
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (output) return context.steps[output[1]!]?.[output[2]!] ?? '';
    if (expr === 'github.action_path') return root;
    throw new Error(`unsupported expression in a run step: ${expr}`);
  });
}

function sh(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd, env: cliEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

interface ActionRun {
  /** The lint step's outputs, as GitHub would parse them from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What the lint step printed: workflow commands (annotations) and the summary line. */
  log: string;
  summary: string;
  /** The job's result: the exit code of the last step. */
  exitCode: number;
}

let workspaces: string;
beforeAll(() => {
  workspaces = mkdtempSync(join(tmpdir(), 'compose-lint-action-'));
});
afterAll(() => rmSync(workspaces, { recursive: true, force: true }));

/** A checked-out repository: both examples under their usual paths. */
function workspace(name: string): string {
  const dir = join(workspaces, name);
  for (const example of ['insecure', 'secure']) {
    mkdirSync(join(dir, 'examples', example), { recursive: true });
    copyFileSync(join(root, 'examples', example, 'compose.yaml'), join(dir, 'examples', example, 'compose.yaml'));
  }
  return dir;
}

async function runAction(cwd: string, given: Record<string, string>): Promise<ActionRun> {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) inputs[name] = given[name] ?? input.default ?? '';
  const context: Context = { inputs, steps: {} };
  const runnerFiles = mkdtempSync(join(cwd, '.runner-'));
  let log = '';
  let exitCode = 0;
  for (const step of steps) {
    if (step.uses) continue;
    if (step.id === 'install') continue;
    expect(step.shell).toBe('bash');
    const output = join(runnerFiles, `${step.id ?? 'step'}.output`);
    const summary = join(runnerFiles, 'summary.md');
    writeFileSync(output, '');
    const env: Record<string, string> = { GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(String(value), context);
    const result = await sh(expand(step.run ?? '', context), env, cwd);
    if (step.id) {
      context.steps[step.id] = Object.fromEntries(
        readFileSync(output, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    }
    if (step.id === 'lint') log = result.stdout + result.stderr;
    exitCode = result.code;
    if (exitCode !== 0) break;
  }
  const summaryFile = join(runnerFiles, 'summary.md');
  return { outputs: context.steps['lint'] ?? {}, log, summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '', exitCode };
}

interface SarifLog {
  version: string;
  runs: { results: { ruleId: string; level?: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[];
}

function readSarif(cwd: string, file: string): SarifLog {
  return JSON.parse(readFileSync(join(cwd, file), 'utf8')) as SarifLog;
}

describe('action.yml', () => {
  it('declares the inputs with their defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(['category', 'config', 'fail-on', 'max-warnings', 'paths', 'preset', 'sarif-file', 'upload']);
    expect(action.inputs['category']?.default).toBe('compose-lint');
    expect(action.inputs['paths']?.default).toBe('.');
    expect(action.inputs['fail-on']?.default).toBe('error');
    expect(action.inputs['sarif-file']?.default).toBe('compose-lint.sarif');
    expect(action.inputs['upload']?.default).toBe('true');
    expect(action.outputs['exit-code']?.value).toBe('${{ steps.lint.outputs.exit-code }}');
  });

  it('is a composite action that installs what it needs in its own directory, before the lint', () => {
    expect(action.runs.using).toBe('composite');
    const install = steps.findIndex((s) => s.id === 'install');
    expect(install).toBeGreaterThanOrEqual(0);
    expect(steps[install]?.['working-directory']).toBe('${{ github.action_path }}');
    expect(steps[install]?.run).toBe('bash "$GITHUB_ACTION_PATH/scripts/action/install.sh"');
    expect(install).toBeLessThan(steps.indexOf(lintStep!));
    // It runs the CLI package.json's bin points at, the one npm ci builds and users get.
    const bin = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['compose-lint'];
    expect(readFileSync(join(root, 'scripts/action/run.sh'), 'utf8')).toContain(`cli="$action_dir/${bin}"`);
  });

  it('installs the runtime dependencies and esbuild only, at the versions of package-lock.json', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & { devDependencies: Record<string, string> };
    const trimmed = spawnSync(process.execPath, [join(root, 'scripts/action/runtime-manifest.mjs'), join(root, 'package.json')], { encoding: 'utf8', env: cliEnv() });
    expect(trimmed.status).toBe(0);
    expect(JSON.parse(trimmed.stdout)).toEqual({ ...manifest, devDependencies: { esbuild: manifest.devDependencies['esbuild'] } });
    const script = readFileSync(join(root, 'scripts/action/install.sh'), 'utf8');
    // --no-save: the lockfile stays as committed, and npm installs what it records.
    expect(script).toContain('npm install --no-save --ignore-scripts');
    expect(script).toContain('node scripts/build.mjs --cli');
  });

  it('builds a working CLI with esbuild alone (build.mjs --cli), without compiling TypeScript', { timeout: 120_000 }, () => {
    const copy = mkdtempSync(join(tmpdir(), 'compose-lint-action-build-'));
    try {
      for (const path of ['src', 'rules', 'scripts', 'vendor', 'schema', 'examples', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(root, path), join(copy, path), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
      const build = spawnSync(process.execPath, ['scripts/build.mjs', '--cli'], { cwd: copy, encoding: 'utf8', env: cliEnv() });
      expect(build.status, build.stderr).toBe(0);
      // tsc writes dist/src/cli/main.js: not run.
      expect(existsSync(join(copy, 'dist/src/cli/main.js'))).toBe(false);
      const lint = spawnSync(process.execPath, [join(copy, 'dist/compose-lint.cjs'), '--format', 'json', 'examples/insecure/compose.yaml'], { cwd: copy, encoding: 'utf8', env: cliEnv() });
      expect(lint.status).toBe(1);
      expect((JSON.parse(lint.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('no-host-network');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('passes every input to the lint step through the environment, never inside the script', () => {
    expect(lintStep?.run).not.toContain('${{');
    const passed = Object.values(lintStep?.env ?? {}).join(' ');
    for (const name of ['paths', 'config', 'preset', 'fail-on', 'max-warnings', 'sarif-file']) expect(passed).toContain(`\${{ inputs.${name} }}`);
  });

  it('uploads the SARIF under the category input even when findings failed the lint, and fails the job only after that', () => {
    const upload = steps[uploadIndex];
    expect(upload?.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload?.with).toEqual({ sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: '${{ inputs.category }}' });
    expect(upload?.if).toContain('always()');
    expect(upload?.if).toContain("inputs.upload == 'true'");
    expect(uploadIndex).toBeGreaterThan(steps.indexOf(lintStep!));
    const last = steps.at(-1);
    expect(steps.indexOf(last!)).toBeGreaterThan(uploadIndex);
    expect(last?.env?.['EXIT_CODE']).toBe('${{ steps.lint.outputs.exit-code }}');
  });
});

// Each action run starts compose-lint two or three times: generous limits for a loaded machine.
describe('the action on the examples', { timeout: 120_000 }, () => {
  let insecure: { cwd: string; run: ActionRun };

  beforeAll(async () => {
    const cwd = workspace('insecure');
    insecure = { cwd, run: await runAction(cwd, { paths: 'examples/insecure' }) };
  }, 120_000);

  it('records exit code 1 for the insecure example and fails the job after the lint step', () => {
    expect(insecure.run.outputs['exit-code']).toBe('1');
    expect(insecure.run.outputs['sarif-written']).toBe('true');
    expect(insecure.run.exitCode).toBe(1);
  });

  it('writes SARIF 2.1.0 with the findings, relative to the workspace root', () => {
    expect(insecure.run.outputs['sarif-file']).toBe('compose-lint.sarif');
    const sarif = readSarif(insecure.cwd, 'compose-lint.sarif');
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0]!.results;
    expect(results.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['no-public-datastore-port', 'no-host-network']));
    const location = results[0]!.locations[0]!.physicalLocation.artifactLocation;
    expect(location).toMatchObject({ uri: 'examples/insecure/compose.yaml', uriBaseId: '%SRCROOT%' });
  });

  it('prints the findings as annotations and a summary', () => {
    expect(insecure.run.log).toMatch(/^::error file=examples\/insecure\/compose\.yaml,line=18,col=9,.*title=no-public-datastore-port::/m);
    expect(insecure.run.summary).toMatch(/^compose-lint: 2 error\(s\), \d+ warning\(s\), 0 note\(s\)/);
  });

  it.runIf(process.platform === 'linux' && existsSync(multitool))('writes SARIF that sarif-multitool validate --rule-kind Gh accepts with zero errors', async () => {
    try {
      accessSync(multitool, constants.X_OK);
    } catch {
      // Its postinstall sets the execute bit, unless install scripts were disabled.
      chmodSync(multitool, statSync(multitool).mode | 0o100);
    }
    const report = join(insecure.cwd, 'validation.sarif');
    const validation = await sh(`"${multitool}" validate compose-lint.sarif --rule-kind Gh -o "${report}" --log ForceOverwrite --quiet || true`, { DOTNET_CLI_TELEMETRY_OPTOUT: '1' }, insecure.cwd);
    expect(existsSync(report), validation.stdout + validation.stderr).toBe(true);
    const log = JSON.parse(readFileSync(report, 'utf8')) as { runs: { tool: { driver: { name: string } }; results?: { level?: string; ruleId: string; message: { text?: string } }[] }[] };
    expect(log.runs[0]?.tool.driver.name).toBeTruthy();
    const errors = log.runs.flatMap((r) => r.results ?? []).filter((r) => r.level === 'error');
    expect(errors.map((e) => `${e.ruleId}: ${e.message.text}`)).toEqual([]);
  }, 30_000);

  it('records exit code 0 and an empty SARIF run for the secure example', async () => {
    const cwd = workspace('secure');
    const run = await runAction(cwd, { paths: 'examples/secure', 'sarif-file': 'reports/compose-lint.sarif' });
    expect(run.outputs).toMatchObject({ 'exit-code': '0', 'sarif-file': 'reports/compose-lint.sarif', 'sarif-written': 'true' });
    expect(run.exitCode).toBe(0);
    expect(readSarif(cwd, 'reports/compose-lint.sarif').runs[0]!.results).toEqual([]);
    expect(run.log).not.toContain('::error');
  });

  it('takes several paths, one per line', async () => {
    const cwd = workspace('both');
    const run = await runAction(cwd, { paths: 'examples/secure/compose.yaml\n  examples/insecure/compose.yaml  \n' });
    expect(run.outputs['exit-code']).toBe('1');
    const uris = readSarif(cwd, 'compose-lint.sarif').runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(new Set(uris)).toEqual(new Set(['examples/insecure/compose.yaml']));
  });
});

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
