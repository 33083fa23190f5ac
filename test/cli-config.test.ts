/** Config files, suppressions and baselines through the built binary (npm test builds first). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN as bin, cliEnv } from './bin.js';


function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: cliEnv({ NO_COLOR: '1', FORCE_COLOR: '' }) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A repository (with `.git`, so the config search stops there) holding the given files. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-config-'));
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  line: number;
  suppression: { kind: string; justification: string | null } | null;
}

function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

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

describe('suppressions', () => {
  const disabled = 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n    privileged: true # compose-lint-disable-line no-privileged -- CI runner needs docker-in-docker\n';

  it('hides a finding with a directive: exit 0, hidden in text, shown with --show-suppressed', () => {
    const dir = repo({ 'compose.yaml': disabled });
    const hidden = cli(['compose.yaml'], dir);
    expect(hidden.code).toBe(0);
    expect(hidden.stdout).not.toContain('no-privileged');
    expect(hidden.stdout).toContain('1 suppressed');
    const shown = cli(['compose.yaml', '--show-suppressed'], dir);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('no-privileged');
    expect(shown.stdout).toContain('[suppressed: CI runner needs docker-in-docker]');
  });

  it('writes SARIF suppressions: inSource with the reason for directives, external for config excludes and baselines', () => {
    const dir = repo({
      '.compose-lint.yaml': 'rules:\n  no-host-network:\n    exclude:\n      services:\n        mon: sees host traffic\n',
      'compose.yaml': `${disabled}  mon:\n    image: agent:1\n    security_opt: ["no-new-privileges:true"]\n    network_mode: host\n  api:\n    image: api:1\n    security_opt: ["no-new-privileges:true"]\n    ports: ["9000:9000"]\n`,
    });
    expect(cli(['--write-baseline', 'baseline.json', 'compose.yaml'], dir).code).toBe(0);
    const { code, stdout } = cli(['--format', 'sarif', '--baseline', 'baseline.json', 'compose.yaml'], dir);
    expect(code).toBe(0);
    const results = (JSON.parse(stdout) as { runs: { results: { ruleId: string; suppressions?: { kind: string; justification?: string }[] }[] }[] }).runs[0]!.results;
    const by = (id: string) => results.find((r) => r.ruleId === id)?.suppressions;
    expect(by('no-privileged')).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'CI runner needs docker-in-docker' }]);
    expect(by('no-host-network')).toEqual([{ kind: 'external', status: 'accepted', justification: 'sees host traffic' }]);
    expect(by('no-unbound-port')).toEqual([{ kind: 'external', status: 'accepted', justification: 'in baseline baseline.json' }]);
  });

  it('reports an unused directive, and a missing reason with --require-reason', () => {
    const dir = repo({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27 # compose-lint-disable-line no-privileged\n    security_opt: ["no-new-privileges:true"]\n    ports: ["8080:80"] # compose-lint-disable-line no-unbound-port\n' });
    const plain = findings(cli(['--format', 'json', 'compose.yaml'], dir).stdout).filter((f) => f.ruleId === 'unused-disable-directive');
    expect(plain.map((f) => f.line)).toEqual([3]);
    const strict = findings(cli(['--format', 'json', '--require-reason', 'compose.yaml'], dir).stdout).filter((f) => f.ruleId === 'unused-disable-directive');
    expect(strict.map((f) => f.line)).toEqual([3, 3, 5]);
  });
});

describe('baseline', () => {
  const base = 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: ["8080:80"]\n';

  it('hides recorded findings after unrelated edits, and fails on a new one', () => {
    const dir = repo({ 'compose.yaml': base });
    const written = cli(['--write-baseline', 'baseline.json', 'compose.yaml'], dir);
    expect(written.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'))).toMatchObject({ version: 2, findings: [{ file: 'compose.yaml', ruleId: 'no-unbound-port', count: 1 }] });

    // A service added above moves every line: nothing is new.
    const above = base.replace('services:\n', 'services:\n  cache:\n    image: redis:7\n    security_opt: ["no-new-privileges:true"]\n    networks: [cache]\n');
    writeFileSync(join(dir, 'compose.yaml'), `${above}networks:\n  cache:\n    internal: true\n`);
    const same = cli(['--format', 'json', '--baseline', 'baseline.json', 'compose.yaml'], dir);
    expect(same.code).toBe(0);
    expect(findings(same.stdout).filter((f) => !f.suppression)).toEqual([]);

    writeFileSync(join(dir, 'compose.yaml'), `${above.replace('["8080:80"]', '["8080:80", "8443:443"]')}networks:\n  cache:\n    internal: true\n`);
    const fresh = cli(['--format', 'json', '--baseline', 'baseline.json', '--fail-on', 'warning', 'compose.yaml'], dir);
    expect(fresh.code).toBe(1);
    expect(findings(fresh.stdout).filter((f) => !f.suppression).map((f) => [f.ruleId, f.line])).toEqual([['no-unbound-port', 9]]);
  });

  it('names the files it could not read when writing a baseline, and exits 2', () => {
    const dir = repo({
      'compose.yaml': base,
      'ext/compose.yaml': 'services:\n  web:\n    extends:\n      file: gone.yaml\n      service: base\n    image: nginx:1.27\n',
    });
    const written = cli(['--write-baseline', 'b.json', '.', 'missing.yaml'], dir);
    expect(written.code).toBe(2);
    expect(written.stdout).toBe('');
    expect(written.stderr.split('\n')).toEqual([
      'compose-lint: ext/compose.yaml: ext/gone.yaml: no such file (extended by service "web")',
      'compose-lint: missing.yaml: no such file',
      expect.stringMatching(/^compose-lint: wrote \d+ finding\(s\) to b\.json$/),
      '',
    ]);
    // The files that were linted are recorded.
    expect(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')).findings.map((e: { file: string }) => e.file)).toContain('compose.yaml');
  });

  it('counts stale entries only in the files linted this run, as pre-commit passes only the staged ones', () => {
    const privileged = 'services:\n  base:\n    image: a:1\n    security_opt: ["no-new-privileges:true"]\n    privileged: true\n';
    const dir = repo({
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n    ports: ["8080:80"]\n',
      'common.yaml': privileged,
      'sub/docker-compose.yml': base,
    });
    expect(cli(['--write-baseline', 'b.json', 'compose.yaml', 'sub/docker-compose.yml'], dir).code).toBe(0);
    const files = (JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')) as { findings: { file: string }[] }).findings.map((e) => e.file);
    expect(new Set(files)).toEqual(new Set(['compose.yaml', 'common.yaml', 'sub/docker-compose.yml']));
    expect(cli(['--baseline', 'b.json', 'compose.yaml'], dir)).toMatchObject({ code: 0, stderr: '' });
    // Fixed in a file the project extends: stale; the entry of sub/, not linted, is not.
    writeFileSync(join(dir, 'common.yaml'), privileged.replace('    privileged: true\n', ''));
    const fixed = cli(['--baseline', 'b.json', 'compose.yaml'], dir);
    expect([fixed.code, fixed.stderr]).toEqual([0, 'compose-lint: 1 finding(s) in b.json no longer occur: write it again with --write-baseline to drop them\n']);
    // Paths in the baseline are relative to it: the same from another directory.
    expect(cli(['--baseline', '../b.json', 'docker-compose.yml'], join(dir, 'sub'))).toMatchObject({ code: 0, stderr: '' });
  });

  it('exits 2 for a file that is not a baseline', () => {
    const dir = repo({ 'compose.yaml': base, 'baseline.json': '{"hello": 1}' });
    const { code, stderr } = cli(['--baseline', 'baseline.json', 'compose.yaml'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^compose-lint: baseline\.json: not a compose-lint baseline/);
  });
});
