import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, BaselineError, createBaseline, fingerprint, formatBaseline, parseBaseline, readBaseline, snippet } from '../src/baseline/index.js';
import { allRules } from '../rules/index.js';
import { lintText } from '../src/lint.js';
import type { LintResult } from '../src/types.js';

const before = `services:
  web:
    image: nginx:1.27
    ports:
      - "80:80"
      - "8080:80"
  db:
    image: postgres:16
    ports:
      - "5432:5432"
`;

// Unrelated edits: a new service above, a comment, other quoting and indentation of the offending values.
const after = `services:
  proxy:
    image: traefik:v3.1
    ports:
      - "127.0.0.1:9000:9000"
  web:
    image: nginx:1.27
    # the public ports
    ports:
      - '80:80'
      -   8080:80
      - "8443:443"
  db:
    image: postgres:16
    ports:
      - 5432:5432
`;

// Only the two port rules, so the expectations do not move when other rules are added.
const rules = new Map(allRules.map((r) => [r.meta.id, { severity: ['no-unbound-port', 'no-public-datastore-port'].includes(r.meta.id) ? r.meta.severity : ('off' as const) }]));
function lint(text: string, file = 'compose.yaml'): LintResult {
  return { results: [{ ...lintText(text, file, { projectDir: '/p', rules }), source: text }] };
}
const context = { baselinePath: 'compose-lint-baseline.json', cwd: '/p' };
const unsuppressed = (r: LintResult): string[] => r.results.flatMap((x) => x.findings).filter((f) => !f.suppression).map((f) => `${f.ruleId}@${f.line}`);

describe('baseline', () => {
  it('hides recorded findings after unrelated edits and reports only new ones', () => {
    const baseline = createBaseline(lint(before), context);
    expect(baseline.findings.map((e) => `${e.file} ${e.ruleId} ${e.service} ${e.count}`)).toEqual([
      'compose.yaml no-public-datastore-port db 1',
      'compose.yaml no-unbound-port web 1',
      'compose.yaml no-unbound-port web 1',
    ]);
    const outcome = applyBaseline(lint(after), baseline, context);
    expect(unsuppressed(outcome.result)).toEqual(['no-unbound-port@12']);
    expect(outcome.matched).toBe(3);
    expect(outcome.stale).toEqual([]);
    const hidden = outcome.result.results[0]!.findings.find((f) => f.suppression)!;
    expect(hidden.suppression).toEqual({ kind: 'external', justification: 'in baseline compose-lint-baseline.json' });
  });

  it('counts duplicates, so one more identical finding is new', () => {
    const twice = 'services:\n  a:\n    image: x:1\n    ports: ["80:80", "80:80"]\n';
    const thrice = 'services:\n  a:\n    image: x:1\n    ports: ["80:80", "80:80", "80:80"]\n';
    const baseline = createBaseline(lint(twice), context);
    expect(baseline.findings.map((e) => e.count)).toEqual([2]);
    const outcome = applyBaseline(lint(thrice), baseline, context);
    expect(unsuppressed(outcome.result)).toHaveLength(1);
  });

  it('reports entries that no longer occur as stale', () => {
    const baseline = createBaseline(lint(before), context);
    const fixed = before.replace('"8080:80"', '"127.0.0.1:8080:80"');
    const outcome = applyBaseline(lint(fixed), baseline, context);
    expect(unsuppressed(outcome.result)).toEqual([]);
    expect(outcome.stale.map((e) => `${e.ruleId} ${e.count}`)).toEqual(['no-unbound-port 1']);
  });

  it('counts stale entries only in the files linted, when told which', () => {
    const baseline = createBaseline({ results: [...lint(before).results, ...lint(before, 'other/compose.yaml').results] }, context);
    const fixed = lint(before.replace('"8080:80"', '"127.0.0.1:8080:80"'));
    expect(applyBaseline(fixed, baseline, context).stale).toHaveLength(4);
    const stale = applyBaseline(fixed, baseline, { ...context, linted: ['compose.yaml'] }).stale;
    expect(stale.map((e) => `${e.file} ${e.ruleId} ${e.count}`)).toEqual(['compose.yaml no-unbound-port 1']);
  });

  it('tells apart the same problem in another file or service', () => {
    const baseline = createBaseline(lint(before), context);
    expect(unsuppressed(applyBaseline(lint(before, 'other/compose.yaml'), baseline, context).result)).toHaveLength(3);
    expect(unsuppressed(applyBaseline(lint(before.replace('  web:', '  www:')), baseline, context).result)).toHaveLength(2);
  });

  it('stores paths relative to the baseline file, so it works from any directory', () => {
    const deep = createBaseline(lint(before, 'app/compose.yaml'), { baselinePath: 'app/baseline.json', cwd: '/p' });
    expect(deep.findings[0]!.file).toBe('compose.yaml');
    const fromInside = applyBaseline(lint(before, 'compose.yaml'), deep, { baselinePath: 'baseline.json', cwd: '/p/app' });
    expect(unsuppressed(fromInside.result)).toEqual([]);
  });

  it('leaves suppressed findings out and keeps internal errors visible', () => {
    const result = lint(before);
    const findings = result.results[0]!.findings;
    findings[0] = { ...findings[0]!, suppression: { kind: 'inSource' } };
    findings.push({ ruleId: 'internal-error', severity: 'error', message: 'boom', file: 'compose.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 });
    const baseline = createBaseline(result, context);
    expect(baseline.findings).toHaveLength(2);
    expect(unsuppressed(applyBaseline(result, baseline, context).result)).toEqual(['internal-error@1']);
  });

  it('writes stable, sorted JSON that round-trips', () => {
    const baseline = createBaseline(lint(after), context);
    const text = formatBaseline(baseline);
    expect(text.endsWith('}\n')).toBe(true);
    expect(formatBaseline(parseBaseline(text, 'b.json'))).toBe(text);
    expect(formatBaseline(createBaseline(lint(after), context))).toBe(text);
    expect(Object.keys(JSON.parse(text).findings[0])).toEqual(['file', 'ruleId', 'service', 'fingerprint', 'count', 'message']);
  });

  it('reads fingerprints from the file on disk when the result carries no source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-lint-baseline-'));
    writeFileSync(join(dir, 'compose.yaml'), before);
    const result: LintResult = { results: [lintText(before, 'compose.yaml', { projectDir: dir, rules })] };
    const withSource = createBaseline(lint(before), { ...context, cwd: dir });
    expect(createBaseline(result, { ...context, cwd: dir })).toEqual(withSource);
    writeFileSync(join(dir, 'b.json'), formatBaseline(withSource));
    expect(readBaseline(join(dir, 'b.json'))).toEqual(withSource);
  });

  describe('secrets', () => {
    const secretRules = new Map(allRules.map((r) => [r.meta.id, { severity: r.meta.id === 'no-hardcoded-secret' ? r.meta.severity : ('off' as const) }]));
    const withPassword = (password: string): LintResult => {
      const text = `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${password}\n`;
      return { results: [{ ...lintText(text, 'compose.yaml', { projectDir: '/p', rules: secretRules }), source: text }] };
    };
    /** The entry as version 1 wrote it: the fingerprint hashed the raw text, password included. */
    const v1Entry = (result: LintResult) => {
      const r = result.results[0]!;
      const finding = r.findings[0]!;
      return { file: 'compose.yaml', ruleId: finding.ruleId, service: 'db', fingerprint: fingerprint(finding, 'compose.yaml', r.source), count: 1, message: finding.message };
    };

    it('hashes no secret: two passwords of one length give one fingerprint, and the file holds neither', () => {
      const first = createBaseline(withPassword('hunter2hunter2'), context);
      expect(first.version).toBe(2);
      expect(first.findings.map((e) => e.ruleId)).toEqual(['no-hardcoded-secret']);
      expect(createBaseline(withPassword('correcthorse14'), context).findings[0]!.fingerprint).toBe(first.findings[0]!.fingerprint);
      expect(first.findings[0]!.fingerprint).not.toBe(v1Entry(withPassword('hunter2hunter2')).fingerprint);
      expect(formatBaseline(first)).not.toContain('hunter2');
    });

    it('still matches a version 1 baseline by its raw-text fingerprints', () => {
      const entry = v1Entry(withPassword('hunter2hunter2'));
      const v1 = parseBaseline(JSON.stringify({ version: 1, findings: [entry] }), 'b.json');
      expect(applyBaseline(withPassword('hunter2hunter2'), v1, context).matched).toBe(1);
      expect(applyBaseline(withPassword('correcthorse14'), v1, context).matched).toBe(0);
      // The same entry read as version 2 matches nothing: each version is matched as it was written.
      expect(applyBaseline(withPassword('hunter2hunter2'), { ...v1, version: 2 }, context).matched).toBe(0);
    });
  });

  it('rejects files that are not baselines', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline('{"version": 3, "findings": []}', 'b.json')).toThrow(/not a compose-lint baseline \(version 1 or 2\)/);
    expect(() => parseBaseline('{"version": 1, "findings": [{"file": "a"}]}', 'b.json')).toThrow(/entry 0/);
    expect(() => readBaseline('/nonexistent/b.json')).toThrow(/cannot read baseline/);
  });
});

describe('fingerprint', () => {
  it('normalises whitespace and quoting of the snippet, and ignores the line', () => {
    const text = 'a:\n  - "80:80"\n  -   80:80   # c\n';
    expect(snippet(text, { file: 'f', line: 2, column: 5, endLine: 2, endColumn: 12 })).toBe('80:80');
    expect(snippet(text, { file: 'f', line: 3, column: 7, endLine: 3, endColumn: 12 })).toBe('80:80');
    expect(snippet('x:\n  a:   1\n  b: 2\n', { file: 'f', line: 2, column: 3, endLine: 3, endColumn: 7 })).toBe('a: 1 b: 2');
    const f = { ruleId: 'r', severity: 'error' as const, message: 'm', file: 'f', line: 2, column: 5, endLine: 2, endColumn: 12 };
    expect(fingerprint(f, 'f', text)).toBe(fingerprint({ ...f, line: 3, column: 7, endLine: 3, endColumn: 12 }, 'f', text));
    expect(fingerprint(f, 'f', text)).not.toBe(fingerprint({ ...f, messageId: 'other' }, 'f', text));
    expect(fingerprint(f, 'f', text)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads each snippet from its own text when findings of several files alternate', () => {
    const a = 'services:\n  web:\n    image: a\n';
    const b = 'x: 1\nservices:\n  web:\n    image: b\n';
    const at = (line: number) => ({ file: 'f', line, column: 12, endLine: line, endColumn: 13 });
    const web = { file: 'f', line: 3, column: 3, endLine: 3, endColumn: 6 };
    expect([snippet(a, at(3)), snippet(b, at(4)), snippet(a, at(3)), snippet(b, web), snippet(a, web)]).toEqual(['a', 'b', 'a', 'web', 'i']);
    // Same length, other content: a text is never mistaken for another.
    expect(snippet('services:\n  web:\n    image: c\n', at(3))).toBe('c');
  });
});
