/** Config files through the built binary (npm test builds first). */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, findings, repo } from './cli-repo.js';

const UNBOUND = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n';

describe('config files', () => {
  it('reports a config error with the control characters it quotes escaped', () => {
    const dir = repo({ 'compose.yaml': UNBOUND, '.compose-lint.yaml': '"bad\\ekey": 1\n' });
    const { code, stderr } = cli(['compose.yaml'], dir);
    expect(code).toBe(2);
    expect(stderr).toBe('.compose-lint.yaml:1:1: unknown key "bad\\x1bkey" in the config\n');
  });

  it('is found from a subdirectory, the search stops at .git, and -c wins', () => {
    const dir = repo({ '.compose-lint.yaml': 'rules:\n  no-unbound-port: error\n', 'app/deep/compose.yaml': UNBOUND, 'other.yaml': 'rules:\n  no-unbound-port: off\n' });
    const found = cli(['--format', 'json', 'compose.yaml'], join(dir, 'app', 'deep'));
    expect(found.code).toBe(1);
    expect(findings(found.stdout).find((f) => f.ruleId === 'no-unbound-port')?.severity).toBe('error');
    const explicit = cli(['--format', 'json', '-c', '../../other.yaml', 'compose.yaml'], join(dir, 'app', 'deep'));
    expect(explicit.code).toBe(0);
    expect(findings(explicit.stdout).map((f) => f.ruleId)).not.toContain('no-unbound-port');

    // A config above the repository root never applies.
    const outer = mkdtempSync(join(tmpdir(), 'cl-outer-'));
    writeFileSync(join(outer, '.compose-lint.yaml'), 'rules:\n  no-unbound-port: error\n');
    mkdirSync(join(outer, 'repo', '.git'), { recursive: true });
    writeFileSync(join(outer, 'repo', 'compose.yaml'), UNBOUND);
    const stopped = cli(['--format', 'json', 'compose.yaml'], join(outer, 'repo'));
    expect(stopped.code).toBe(0);
    expect(findings(stopped.stdout).find((f) => f.ruleId === 'no-unbound-port')?.severity).toBe('warning');
  });

  it('exits 2 with file:line:col for an unknown rule, a bad severity and a bad option', () => {
    const cases: [string, RegExp][] = [
      ['rules:\n  no-unbound-prot: error\n', /^\.compose-lint\.yaml:2:3: unknown rule "no-unbound-prot"; did you mean "no-unbound-port"\?$/m],
      ['rules:\n  no-host-network: fatal\n', /^\.compose-lint\.yaml:2:20: rules\.no-host-network: must be one of/m],
      ['rules:\n  no-privileged:\n    options:\n      nope: 1\n', /^\.compose-lint\.yaml:4:7: /m],
      // Settings that would do nothing: a crashed rule and a file that does not parse are always reported.
      ['rules:\n  internal-error: note\n', /^\.compose-lint\.yaml:2:19: rules\.internal-error: internal-error cannot be configured/m],
      ['overrides:\n  - files: ["**"]\n    rules:\n      yaml-syntax: {severity: "off"}\n', /^\.compose-lint\.yaml:4:20: overrides\.0\.rules\.yaml-syntax: yaml-syntax cannot be turned off/m],
    ];
    for (const [config, expected] of cases) {
      const dir = repo({ '.compose-lint.yaml': config, 'compose.yaml': UNBOUND });
      const { code, stdout, stderr } = cli(['compose.yaml'], dir);
      expect(code, config).toBe(2);
      expect(stderr, config).toMatch(expected);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    }
  });

  it('exits 2 for a --rule setting that would do nothing', () => {
    const dir = repo({ 'compose.yaml': UNBOUND });
    for (const [value, reason] of [['yaml-syntax=off', 'yaml-syntax cannot be turned off'], ['internal-error=warning', 'internal-error cannot be configured']]) {
      const { code, stdout, stderr } = cli(['compose.yaml', '--rule', value!], dir);
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr).toMatch(new RegExp(`^compose-lint: invalid --rule ${value}: ${reason}`));
    }
    expect(cli(['compose.yaml', '--rule', 'yaml-syntax=note'], dir).code).toBe(0);
  });

  it('lets --rule override the config file, and applies overrides by glob', () => {
    const dir = repo({
      '.compose-lint.yaml': 'rules:\n  no-unbound-port: error\noverrides:\n  - files: ["dev/**"]\n    rules:\n      no-unbound-port: note\n',
      'compose.yaml': UNBOUND,
      'dev/compose.yaml': UNBOUND,
    });
    const severity = (args: string[]) => findings(cli(['--format', 'json', ...args], dir).stdout).find((f) => f.ruleId === 'no-unbound-port')?.severity;
    expect(severity(['compose.yaml'])).toBe('error');
    expect(severity(['dev/compose.yaml'])).toBe('note');
    expect(severity(['compose.yaml', '--rule', 'no-unbound-port=warning'])).toBe('warning');
  });

  it('states the configuration in force in SARIF: one override per rule set otherwise, the projects set differently listed', () => {
    const dir = repo({
      '.compose-lint.yaml': 'rules:\n  no-unbound-port: error\n  no-privileged: off\noverrides:\n  - files: ["dev/**"]\n    rules:\n      no-unbound-port: note\n',
      'compose.yaml': UNBOUND,
      'prod/compose.yaml': UNBOUND,
      'dev/compose.yaml': UNBOUND,
    });
    type Override = { descriptor: { id: string; index: number }; configuration: { enabled: boolean; level: string }; properties?: { projects: { artifactLocation: { uri: string }; configuration: unknown }[] } };
    const sarif = (args: string[]) => {
      const run = (JSON.parse(cli(['--format', 'sarif', ...args], dir).stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; invocations: { ruleConfigurationOverrides?: Override[] }[] }[] }).runs[0]!;
      const overrides = run.invocations[0]!.ruleConfigurationOverrides ?? [];
      for (const o of overrides) expect(run.tool.driver.rules[o.descriptor.index]!.id).toBe(o.descriptor.id);
      return new Map(overrides.map((o) => [o.descriptor.id, o]));
    };
    const all = sarif(['compose.yaml', 'prod/compose.yaml', 'dev/compose.yaml', '--rule', 'require-healthcheck=warning']);
    expect(all.get('no-unbound-port')).toMatchObject({
      configuration: { enabled: true, level: 'error' },
      properties: { projects: [{ artifactLocation: { uri: 'dev/compose.yaml' }, configuration: { enabled: true, level: 'note' } }] },
    });
    expect(all.get('no-privileged')!.configuration).toEqual({ enabled: false, level: 'error' });
    expect(all.get('require-healthcheck')!.configuration).toEqual({ enabled: true, level: 'warning' });
    expect(all.get('no-privileged')!.properties).toBeUndefined();
    // The --sarif-output file states the same.
    cli(['compose.yaml', '--format', 'github', '--sarif-output', 'out.sarif'], dir);
    const written = (JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: { invocations: { ruleConfigurationOverrides: Override[] }[] }[] }).runs[0]!.invocations[0]!.ruleConfigurationOverrides;
    expect(written.find((o) => o.descriptor.id === 'no-unbound-port')!.configuration).toEqual({ enabled: true, level: 'error' });
  });

  it('skips ignored files', () => {
    const dir = repo({ '.compose-lint.yaml': 'ignore: ["vendor/"]\n', 'vendor/compose.yaml': 'services:\n  x:\n    image: a:1\n    privileged: true\n', 'compose.yaml': UNBOUND });
    const json = JSON.parse(cli(['--format', 'json', '.'], dir).stdout) as { files: string[] };
    expect(json.files).toEqual(['compose.yaml']);
    // An override named alone stands for its base's project: ignoring the base says so, as for a named file.
    writeFileSync(join(dir, 'vendor', 'compose.override.yaml'), 'services:\n  x:\n    ports: ["80:80"]\n');
    const staged = cli(['vendor/compose.override.yaml'], dir);
    expect([staged.code, staged.stderr]).toEqual([0, `compose-lint: vendor/compose.yaml: ignored by ${join(dir, '.compose-lint.yaml')}\n`]);
  });

  it('prints the configuration in force for a file', () => {
    const dir = repo({ '.compose-lint.yaml': 'preset: strict\nfailOn: warning\nrules:\n  no-links: off\n', 'compose.yaml': UNBOUND });
    const { code, stdout } = cli(['--print-config', 'compose.yaml', '--max-warnings', '3'], dir);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { configFile: string; preset: string; failOn: string; maxWarnings: number; rules: Record<string, { severity: string }> };
    expect(printed).toMatchObject({ configFile: join(dir, '.compose-lint.yaml'), preset: 'strict', failOn: 'warning', maxWarnings: 3, maxWarningsScope: 'run' });
    expect(printed.rules['no-links']?.severity).toBe('off');
    expect(printed.rules['require-healthcheck']?.severity).toBe('note');
    writeFileSync(join(dir, '.compose-lint.yaml'), 'maxWarnings: 5\n');
    expect(JSON.parse(cli(['--print-config', 'compose.yaml'], dir).stdout)).toMatchObject({ maxWarnings: 5, maxWarningsScope: 'project' });
  });

  it('counts --max-warnings over the whole run, and a config file\'s maxWarnings per project', () => {
    // Two projects of two warnings each (no-unbound-port, require-no-new-privileges).
    const dir = repo({ 'a/compose.yaml': UNBOUND, 'b/compose.yaml': UNBOUND });
    const over = cli(['--max-warnings', '3', '.'], dir);
    expect([over.code, over.stderr]).toEqual([1, 'compose-lint: too many warnings: 4 in this run (maximum 3)\n']);
    expect(cli(['--max-warnings', '4', '.'], dir).code).toBe(0);
    writeFileSync(join(dir, '.compose-lint.yaml'), 'maxWarnings: 3\n');
    expect(cli(['.'], dir).code).toBe(0);
    // The flag replaces the config file's per-project limits with its one limit for the run.
    expect(cli(['--max-warnings', '3', '.'], dir).code).toBe(1);
    writeFileSync(join(dir, '.compose-lint.yaml'), 'maxWarnings: 1\n');
    const perProject = cli(['.'], dir);
    expect([perProject.code, perProject.stderr]).toEqual([1, 'compose-lint: too many warnings: a/compose.yaml (2, maximum 1), b/compose.yaml (2, maximum 1)\n']);
    expect(cli(['--max-warnings', '4', '.'], dir).code).toBe(0);
  });

  it('fails on warnings with failOn: warning or maxWarnings, and --fail-on wins', () => {
    const warning = repo({ '.compose-lint.yaml': 'failOn: warning\n', 'compose.yaml': UNBOUND });
    expect(cli(['compose.yaml'], warning).code).toBe(1);
    expect(cli(['compose.yaml', '--fail-on', 'error'], warning).code).toBe(0);
    const max = repo({ '.compose-lint.yaml': 'maxWarnings: 0\n', 'compose.yaml': UNBOUND });
    // Even when --quiet hides the warnings, stderr says why the run failed.
    const quiet = cli(['compose.yaml', '--quiet'], max);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('compose-lint: too many warnings: compose.yaml (2, maximum 0)\n');
    const allowed = cli(['compose.yaml', '--max-warnings', '-1'], max);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe('');
    const plain = repo({ 'compose.yaml': UNBOUND });
    expect(cli(['compose.yaml'], plain).code).toBe(0);
    expect(cli(['compose.yaml', '--fail-on', 'warning'], plain).code).toBe(1);
    expect(cli(['compose.yaml', '--fail-on', 'sometimes'], plain).code).toBe(2);
    // A warning limit replaces the threshold for warnings (2 here), from the flag or the config file.
    expect(cli(['compose.yaml', '--fail-on', 'warning', '--max-warnings', '2'], plain).code).toBe(0);
    expect(cli(['compose.yaml', '--fail-on', 'note', '--max-warnings', '1'], plain).code).toBe(1);
    expect(cli(['compose.yaml', '--max-warnings', '2'], warning).code).toBe(0);
    writeFileSync(join(warning, '.compose-lint.yaml'), 'failOn: note\nmaxWarnings: 2\n');
    expect(cli(['compose.yaml'], warning).code).toBe(0);
    expect(cli(['compose.yaml', '--rule', 'no-unbound-port=note'], warning).code).toBe(1);
  });

  it('keeps the exit code under --quiet, and says when what it hides fails the run', () => {
    const dir = repo({ 'compose.yaml': UNBOUND, 'strict/.compose-lint.yaml': 'failOn: warning\n', 'strict/compose.yaml': UNBOUND });
    // ESLint's --quiet hides warnings; here, as with its --max-warnings, they still count for the exit code.
    const failing = cli(['--quiet', '--fail-on', 'warning', 'compose.yaml'], dir);
    expect(failing).toEqual({
      code: 1,
      stdout: '✘ 1 file checked: the run fails on 2 warnings hidden by --quiet\n',
      stderr: 'compose-lint: --quiet hid 2 warnings that fail the run: run without --quiet to see them\n',
    });
    const fromConfig = cli(['--quiet', '--format', 'json', 'strict/compose.yaml'], dir);
    expect([fromConfig.code, fromConfig.stderr]).toEqual([1, 'compose-lint: --quiet hid 2 warnings that fail the run: run without --quiet to see them\n']);
    expect(JSON.parse(fromConfig.stdout).summary).toMatchObject({ errors: 0, warnings: 0 });
    const notes = cli(['--quiet', '--fail-on', 'note', '--rule', 'no-unbound-port=note', 'compose.yaml'], dir);
    expect([notes.code, notes.stderr]).toEqual([1, 'compose-lint: --quiet hid 1 warning and 1 note that fail the run: run without --quiet to see them\n']);
    // Hidden findings that do not fail the run are only counted.
    expect(cli(['--quiet', 'compose.yaml'], dir)).toEqual({ code: 0, stdout: '✔ 1 file checked: no errors (2 warnings hidden by --quiet)\n', stderr: '' });
    const limited = cli(['--quiet', '--max-warnings', '1', 'compose.yaml'], dir);
    expect(limited).toEqual({ code: 1, stdout: '✘ 1 file checked: the run fails on 2 warnings hidden by --quiet\n', stderr: 'compose-lint: too many warnings: 2 in this run (maximum 1)\n' });
  });

  it('never fails on findings with failOn never, whatever the warning limits say', () => {
    const PRIVILEGED = 'services:\n  x:\n    image: a:1\n    privileged: true\n    ports: ["80:80"]\n';
    const dir = repo({ 'compose.yaml': PRIVILEGED, 'examples/.compose-lint.yaml': 'failOn: never\nmaxWarnings: 0\n', 'examples/compose.yaml': PRIVILEGED });
    expect(cli(['--fail-on', 'never', 'compose.yaml'], dir).code).toBe(0);
    expect(cli(['examples/compose.yaml'], dir).code).toBe(0);
    // The flag's limit for the run does not count the warnings of projects that never fail (3 each here).
    const counted = cli(['--max-warnings', '2', '--rule', 'no-privileged=warning', '.'], dir);
    expect([counted.code, counted.stderr]).toEqual([1, 'compose-lint: too many warnings: 3 in this run (maximum 2)\n']);
    expect(cli(['--max-warnings', '3', '--rule', 'no-privileged=warning', '.'], dir).code).toBe(0);
    // Both on one command line ask for opposite things.
    const both = cli(['--fail-on', 'never', '--max-warnings', '3', 'compose.yaml'], dir);
    expect([both.code, both.stdout, both.stderr]).toEqual([2, '', 'compose-lint: --max-warnings cannot fail a run with --fail-on never: drop one of them\n']);
    expect(cli(['--fail-on', 'never', '--max-warnings', '-1', 'compose.yaml'], dir).code).toBe(0);
  });
});
