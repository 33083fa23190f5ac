/**
 * The GitHub Action, run locally: action.yml's shell steps are executed as the runner would
 * (its ${{ }} expressions expanded, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), except the
 * install step (pretest builds dist/; its build is checked on a copy of the repository) and the
 * upload (a `uses:` step, checked for its wiring).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from './bin.js';
import { action, readSarif, root, runAction, sh, steps, workspaces, type ActionRun } from './action-runner.js';

const multitool = join(root, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
const lintStep = steps.find((s) => s.id === 'lint');
const uploadIndex = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
const workspace = workspaces();

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
