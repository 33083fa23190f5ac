/** The gitlab and compact reporters: fingerprints, severities, paths, suppressed findings, file errors, and the CLI. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { lintText } from '../src/lint.js';
import { formatCompact } from '../src/reporters/compact.js';
import { formatGitlab, gitlabPath, gitlabSeverity, toGitlab, type GitlabIssue } from '../src/reporters/gitlab.js';
import { FINGERPRINT_KEY, toSarif } from '../src/reporters/sarif.js';
import type { Finding, LintResult } from '../src/types.js';
import { BIN, cliEnv } from './bin.js';
import { CONTEXT, INSECURE, RESULT } from './golden/sample.js';
import { tempTree } from './tmp.js';

const context = { ...CONTEXT, rules: allRules.map((r) => r.meta), ruleSettings: undefined };

/** Linted as the CLI does it: the result carries the text, which fingerprints read. */
function issuesOf(text: string): GitlabIssue[] {
  return toGitlab({ results: [{ ...lintText(text, 'compose.yaml'), source: text }] }, context);
}

const finding: Finding = { ruleId: 'no-unbound-port', severity: 'warning', message: 'same', file: 'c.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };

describe('gitlab reporter', () => {
  it('keeps fingerprints when lines are added above, and tells findings apart', () => {
    const key = (i: GitlabIssue) => `${i.check_name} ${i.description}`;
    const before = issuesOf(INSECURE);
    const after = new Map(issuesOf(`# a comment\nx-meta: {owner: ops}\n${INSECURE}`).map((i) => [key(i), i]));
    expect(before.length).toBeGreaterThanOrEqual(3);
    for (const issue of before) {
      expect(after.get(key(issue))!.fingerprint, key(issue)).toBe(issue.fingerprint);
      expect(after.get(key(issue))!.location.lines.begin, key(issue)).toBe(issue.location.lines.begin + 2);
    }
    expect(new Set(before.map((i) => i.fingerprint)).size).toBe(before.length);
  });

  it('gives the fingerprints SARIF gives as composeLint/v2, suppressed findings counted but left out', () => {
    const sarif = toSarif(RESULT, CONTEXT).runs[0]!.results!;
    const shown = sarif.filter((r) => !r.suppressions).map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    const issues = toGitlab(RESULT, CONTEXT).filter((i) => i.check_name !== 'compose-lint');
    expect(issues.map((i) => i.fingerprint)).toEqual(shown);
    expect(sarif).toHaveLength(issues.length + 1);
    expect(JSON.stringify(issues)).not.toContain('9100');
  });

  it('does not hash a secret into a fingerprint: the value is masked first', () => {
    const secret = (value: string) => `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${value}\n`;
    const print = (text: string) => issuesOf(text).find((i) => i.check_name === 'no-hardcoded-secret')!.fingerprint;
    expect(print(secret('Zx9kLmQ2wq'))).toMatch(/^[0-9a-f]{32}:1$/);
    // Another password of the same length: the same masked text, the same identity.
    expect(print(secret('Pa55w0rdXY'))).toBe(print(secret('Zx9kLmQ2wq')));
  });

  it('numbers identical findings so their fingerprints stay distinct', () => {
    const issues = toGitlab({ results: [{ file: 'c.yaml', findings: [finding, { ...finding, line: 2, endLine: 2 }] }] }, context);
    const [first, second] = issues.map((i) => i.fingerprint);
    expect(first).toMatch(/:1$/);
    expect(second).toBe(first!.replace(/:1$/, ':2'));
  });

  it('maps severities, refined by the security severity of the rule', () => {
    const meta = (securitySeverity: number) => ({ ...allRules[0]!.meta, securitySeverity });
    expect(gitlabSeverity('error', meta(9))).toBe('blocker');
    expect(gitlabSeverity('error', meta(8.5))).toBe('critical');
    expect(gitlabSeverity('warning', meta(7))).toBe('major');
    expect(gitlabSeverity('warning', meta(6.5))).toBe('minor');
    expect(gitlabSeverity('note', meta(9))).toBe('info');
    expect(gitlabSeverity('error', undefined)).toBe('critical');
    const privileged = issuesOf('services:\n  app:\n    image: app:1\n    privileged: true\n').find((i) => i.check_name === 'no-privileged')!;
    expect(privileged).toMatchObject({ severity: 'blocker', categories: ['Security'] });
  });

  it('writes paths relative to the repository root with forward slashes, and lines as GitLab reads them', () => {
    expect(gitlabPath('/project/deploy/compose.yaml', '/project', '/project')).toBe('deploy/compose.yaml');
    expect(gitlabPath('./compose.yaml', '/project', '/project')).toBe('compose.yaml');
    // Run from a subdirectory of the repository: still relative to its root, as GitLab resolves it.
    expect(gitlabPath('compose.yaml', '/project/deploy', '/project')).toBe('deploy/compose.yaml');
    expect(gitlabPath('/elsewhere/compose.yaml', '/project', '/project')).toBe('/elsewhere/compose.yaml');
    // An exclusive end at column 1 ends on the line before.
    const block = { ...finding, line: 3, endLine: 6, endColumn: 1 };
    expect(toGitlab({ results: [{ file: 'c.yaml', findings: [block] }] }, context)[0]!.location).toEqual({ path: 'c.yaml', lines: { begin: 3, end: 5 } });
  });

  it('reports a file that could not be linted as one compose-lint issue at its line, or line 1', () => {
    const result: LintResult = {
      results: [
        { file: 'gone.yaml', findings: [], error: { file: 'gone.yaml', message: 'ENOENT: no such file' } },
        { file: 'bad.yaml', findings: [], error: { file: 'bad.yaml', message: 'invalid UTF-8', line: 3, column: 7 } },
      ],
    };
    const [gone, bad] = toGitlab(result, context);
    expect(gone).toEqual({ description: 'cannot lint gone.yaml: ENOENT: no such file', check_name: 'compose-lint', fingerprint: expect.stringMatching(/^[0-9a-f]{32}:1$/), severity: 'critical', location: { path: 'gone.yaml', lines: { begin: 1, end: 1 } } });
    expect(bad!.location.lines).toEqual({ begin: 3, end: 3 });
    expect(bad!.fingerprint).not.toBe(gone!.fingerprint);
  });

  it('prints a JSON array, [] for an empty run', () => {
    expect(formatGitlab({ results: [] }, context)).toBe('[]\n');
    expect(formatGitlab({ results: [{ file: 'c.yaml', findings: [{ ...finding, suppression: { kind: 'inSource' } }] }] }, context)).toBe('[]\n');
  });
});

describe('compact reporter', () => {
  it('prints one line per finding, suppressed ones left out', () => {
    expect(formatCompact(RESULT, CONTEXT).split('\n')).toEqual([
      'compose.yaml:5:9: warning: port "80:80" of service "web" is published on all host interfaces [no-unbound-port]',
      'compose.yaml:8:16: note: network "backend" carries PostgreSQL but is not internal [require-internal-network]',
      'compose.yaml:11:5: error: service "monitor" uses network_mode: host [no-host-network]',
      'stack/missing.yaml:1:1: error: cannot lint stack/missing.yaml: ENOENT: no such file or directory [compose-lint]',
      'sub dir/broken.yaml:2:8: error: flow sequence is not closed [yaml-syntax]',
      '',
    ]);
    expect(formatCompact({ results: [] }, CONTEXT)).toBe('');
  });

  it('keeps a message with line breaks or control characters on one line', () => {
    const result: LintResult = { results: [{ file: 'a\nb.yaml', findings: [{ ...finding, file: 'a\nb.yaml', message: 'x\r\ny \x1b[31m' }], error: { file: 'a\nb.yaml', message: 'bad\nthing', line: 2 } }] };
    expect(formatCompact(result, CONTEXT)).toBe(
      'a\\x0ab.yaml:2:1: error: cannot lint a\\x0ab.yaml: bad\\x0athing [compose-lint]\n' + 'a\\x0ab.yaml:1:1: warning: x\\x0d\\x0ay \\x1b[31m [no-unbound-port]\n',
    );
  });
});

describe('gitlab and compact from the CLI', () => {
  const dir = tempTree('cl-formats-', { 'deploy/compose.yaml': INSECURE });
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: cliEnv({ NO_COLOR: '1' }) });

  it('writes a GitLab Code Quality report with paths relative to the repository root', () => {
    const { status, stdout } = cli(['deploy/compose.yaml', '--format', 'gitlab']);
    expect(status).toBe(1);
    const issues = JSON.parse(stdout) as GitlabIssue[];
    expect(issues.length).toBeGreaterThanOrEqual(3);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(['categories', 'check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(issue.location.path).toBe('deploy/compose.yaml');
    }
    expect(issues.find((i) => i.check_name === 'no-host-network')).toMatchObject({ severity: 'critical', location: { lines: { begin: 12, end: 12 } } });
    // Run from a subdirectory of a git repository: the path still starts at the repository root.
    const repository = tempTree('cl-formats-repo-', { '.git/HEAD': '', 'deploy/compose.yaml': INSECURE });
    const inside = spawnSync(process.execPath, [BIN, 'compose.yaml', '--format', 'gitlab'], { cwd: join(repository, 'deploy'), encoding: 'utf8', env: cliEnv({ NO_COLOR: '1' }) });
    expect(new Set((JSON.parse(inside.stdout) as GitlabIssue[]).map((i) => i.location.path))).toEqual(new Set(['deploy/compose.yaml']));
  });

  it('prints compact lines, and names the new formats for an unknown one', () => {
    const { status, stdout } = cli([join('deploy', 'compose.yaml'), '--format', 'compact']);
    expect(status).toBe(1);
    expect(stdout).toContain('deploy/compose.yaml:12:19: error: service "monitor" uses network_mode: host and shares');
    for (const line of stdout.trimEnd().split('\n')) expect(line).toMatch(/^deploy\/compose\.yaml:\d+:\d+: (error|warning|note): .* \[[a-z-]+\]$/);
    const unknown = cli(['deploy/compose.yaml', '--format', 'xml']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('compose-lint: unknown format "xml": use text, json, sarif, github, gitlab, compact\n');
  });
});

describe('gitlab and compact docs', () => {
  const read = (path: string) => readFileSync(join(import.meta.dirname, '..', path), 'utf8');
  /** The first `lang` code block after the heading. */
  const block = (text: string, lang: string, heading: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(text.slice(text.indexOf(`\n${heading}\n`)))![1]!;

  it('output-formats.md shows issues and lines from the goldens', () => {
    const doc = read('docs/output-formats.md');
    const golden = JSON.parse(read('test/golden/report.gitlab.json')) as GitlabIssue[];
    const shown = JSON.parse(block(doc, 'json', '## gitlab')) as GitlabIssue[];
    expect(shown.length).toBeGreaterThan(0);
    for (const issue of shown) expect(golden).toContainEqual(issue);
    const lines = read('test/golden/report.compact.txt');
    for (const line of block(doc, 'text', '## compact').trimEnd().split('\n')) expect(lines).toContain(`${line}\n`);
  });

  it('gitlab-ci.md shows the job with the report artifact', () => {
    const doc = read('docs/gitlab-ci.md');
    expect(doc).toContain('--format gitlab -o gl-code-quality-report.json');
    expect(doc).toMatch(/artifacts:\n {4}when: always\n {4}reports:\n {6}codequality: gl-code-quality-report\.json\n/);
  });
});
