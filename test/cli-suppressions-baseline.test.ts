/** Suppression directives and baselines through the built binary (npm test builds first). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, findings, repo } from './cli-repo.js';

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
