/** One fix the checks refuse must not hold back the other fixes of its file. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { resolveSettings } from '../src/engine/config.js';
import { fixText } from '../src/fix/index.js';
import { runFixGate } from '../src/fix/gate.js';
import { largestSafeSet } from '../src/fix/safe-set.js';
import { lintText } from '../src/lint.js';
import type { Finding } from '../src/types.js';

const recommended = resolveSettings(allRules, 'recommended');
const lint = (file: string) => (text: string): Finding[] => lintText(text, file, {}, recommended).findings;

/**
 * Removing the only security_opt entry moves the directive above it onto `ports:`, where it
 * suppresses nothing: that fix adds an unused-disable-directive finding; the other two are fine.
 */
const DIRECTIVE = [
  'services:',
  '  web:',
  '    image: webui:1.27',
  '    # compose-lint-disable-next-line require-no-new-privileges -- reviewed',
  '    security_opt:',
  '      - seccomp:unconfined',
  '    ports:',
  '      - "8080:90"',
  '    privileged: true',
  '',
].join('\n');

const PARTLY_FIXED = DIRECTIVE.replace('"8080:90"', '"127.0.0.1:8080:90"').replace('    privileged: true\n', '');

const made = (file: string): Finding => ({ ruleId: 'made-up', severity: 'error', message: 'new', file, line: 1, column: 1, endLine: 1, endColumn: 2 });

describe('largestSafeSet', () => {
  /** Attempts judged by `bad`, which names the problem of an allowed set; every attempt is recorded. */
  function attempts(bad: (allowed: string[]) => string | undefined) {
    const log: string[][] = [];
    const attempt = (set: ReadonlySet<string>): { allowed: string[]; problem?: string | undefined } => {
      const allowed = [...set];
      log.push(allowed);
      return { allowed, problem: bad(allowed) };
    };
    return { attempt, log };
  }

  it('leaves out a fix that fails alone and keeps the others together', () => {
    const { attempt, log } = attempts((a) => (a.includes('b') ? 'b breaks it' : undefined));
    const { accepted, rejected } = largestSafeSet(['a', 'b', 'c'], attempt(new Set(['a', 'b', 'c'])), attempt);
    expect(accepted?.allowed).toEqual(['a', 'c']);
    expect([...rejected]).toEqual([['b', 'b breaks it']]);
    // The failed attempt with every fix is not made again.
    expect(log.filter((a) => a.length === 3)).toHaveLength(1);
  });

  it('keeps the earlier of two fixes that pass alone but not together', () => {
    const { attempt } = attempts((a) => (a.includes('a') && a.includes('c') ? 'a and c clash' : undefined));
    const { accepted, rejected } = largestSafeSet(['a', 'b', 'c', 'd'], attempt(new Set(['a', 'b', 'c', 'd'])), attempt);
    expect(accepted?.allowed).toEqual(['a', 'b', 'd']);
    expect([...rejected]).toEqual([['c', 'a and c clash']]);
  });

  it('accepts nothing when every fix fails alone', () => {
    const { attempt } = attempts(() => 'broken');
    const { accepted, rejected } = largestSafeSet(['a', 'b'], attempt(new Set(['a', 'b'])), attempt);
    expect(accepted).toBeUndefined();
    expect([...rejected.keys()]).toEqual(['a', 'b']);
  });

  it('makes a number of attempts linear in the fixes, however they conflict', () => {
    const fixes = Array.from({ length: 40 }, (_, i) => `f${i}`);
    // Every odd fix clashes with the one before it: the worst case, every stage runs.
    const { attempt, log } = attempts((a) => (a.some((f) => Number(f.slice(1)) % 2 === 1 && a.includes(`f${Number(f.slice(1)) - 1}`)) ? 'clash' : undefined));
    const { accepted, rejected } = largestSafeSet(fixes, attempt(new Set(fixes)), attempt);
    expect(accepted?.allowed).toEqual(fixes.filter((_, i) => i % 2 === 0));
    expect(rejected.size).toBe(20);
    expect(log.length).toBeLessThanOrEqual(2 * fixes.length + 1);
  });

  const many = Array.from({ length: 400 }, (_, i) => `f${i}`);
  /** Attempts a bisection needs for k fixes left out among n: two per level of halving, per fix left out. */
  const bound = (k: number, n: number): number => 2 * k * Math.ceil(Math.log2(n));

  it('finds one bad fix among 400 in a number of attempts logarithmic in the fixes, wherever it is', () => {
    for (const bad of ['f0', 'f1', 'f199', 'f200', 'f333', 'f399']) {
      const { attempt, log } = attempts((a) => (a.includes(bad) ? `${bad} breaks it` : undefined));
      const { accepted, rejected } = largestSafeSet(many, attempt(new Set(many)), attempt);
      expect(accepted?.allowed).toEqual(many.filter((f) => f !== bad));
      expect([...rejected]).toEqual([[bad, `${bad} breaks it`]]);
      // The attempt with every fix is the caller's (the first in the log).
      expect(log.length - 1).toBeLessThanOrEqual(bound(1, many.length));
    }
  });

  it('keeps the earlier fix of a clashing pair among 400, in a number of attempts logarithmic in the fixes', () => {
    const clash = (a: string[]): string | undefined => (a.includes('f10') && a.includes('f390') ? 'f10 and f390 clash' : undefined);
    const { attempt, log } = attempts(clash);
    const { accepted, rejected } = largestSafeSet(many, attempt(new Set(many)), attempt);
    expect(accepted?.allowed).toEqual(many.filter((f) => f !== 'f390'));
    expect([...rejected]).toEqual([['f390', 'f10 and f390 clash']]);
    expect(log.length - 1).toBeLessThanOrEqual(bound(1, many.length));
  });

  it('leaves out each of a few bad and clashing fixes, in order, within k log n attempts', () => {
    const bad = (a: string[]): string | undefined => (a.includes('f7') ? 'f7 breaks it' : a.includes('f50') && a.includes('f60') ? 'clash' : a.includes('f300') ? 'f300 breaks it' : undefined);
    const { attempt, log } = attempts(bad);
    const { accepted, rejected } = largestSafeSet(many, attempt(new Set(many)), attempt);
    expect(accepted?.allowed).toEqual(many.filter((f) => !['f7', 'f60', 'f300'].includes(f)));
    expect([...rejected]).toEqual([['f7', 'f7 breaks it'], ['f60', 'clash'], ['f300', 'f300 breaks it']]);
    expect(log.length - 1).toBeLessThanOrEqual(bound(3, many.length));
  });

  it('keeps what adding the fixes one at a time in order keeps, with the problem of an attempt that refused each', () => {
    // Bad fixes and clashing pairs: a set passes when it holds no bad fix and no whole pair.
    const scenario = fc.integer({ min: 1, max: 60 }).chain((n) =>
      fc.record({ n: fc.constant(n), bad: fc.uniqueArray(fc.nat(n - 1), { maxLength: 5 }), pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(scenario, ({ n, bad, pairs }) => {
        const fixes = Array.from({ length: n }, (_, i) => `f${i}`);
        const problem = (a: string[]): string | undefined => {
          const has = new Set(a);
          const broken = bad.find((b) => has.has(`f${b}`));
          if (broken !== undefined) return `f${broken} breaks it`;
          const pair = pairs.find(([x, y]) => x !== y && has.has(`f${x}`) && has.has(`f${y}`));
          return pair && `f${pair[0]} and f${pair[1]} clash`;
        };
        const greedy: string[] = [];
        for (const f of fixes) if (problem([...greedy, f]) === undefined) greedy.push(f);
        const { attempt, log } = attempts(problem);
        const all = attempt(new Set(fixes));
        const { accepted, rejected } = largestSafeSet(fixes, all, attempt);
        if (all.problem === undefined) return;
        expect(accepted?.allowed ?? []).toEqual(greedy);
        expect([...rejected.keys()]).toEqual(fixes.filter((f) => !greedy.includes(f)));
        // Each reason is the problem of an attempt made with that fix.
        for (const [fix, reason] of rejected) expect(log.some((a) => a.includes(fix) && problem(a) === reason)).toBe(true);
        expect(log.length - 1).toBeLessThanOrEqual(Math.min(2 * n - 2, bound(rejected.size, n)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('fixText when the fixes together fail the checks', () => {
  it('applies the fixes that pass and rejects the one that adds a finding, with the reason', () => {
    const outcome = fixText(DIRECTIVE, 'c.yaml', lint('c.yaml'));
    expect(outcome).toMatchObject({ ok: true, changed: true, text: PARTLY_FIXED, newFindings: [] });
    expect(outcome.problem).toBeUndefined();
    expect(outcome.applied.map((a) => `${a.finding.line}:${a.finding.column} ${a.finding.ruleId}`)).toEqual(['8:9 no-unbound-port', '9:17 no-privileged']);
    expect(outcome.rejected.map((r) => `${r.finding.line}:${r.finding.column} ${r.finding.ruleId}: ${r.reason}`)).toEqual([
      '6:9 no-unconfined-security-profile: fixing would introduce require-no-new-privileges, unused-disable-directive',
    ]);
    expect(outcome.rejected[0]!.fix.description).toMatch(/^remove "seccomp:unconfined" from service "web"/);
    expect(outcome.refused).toEqual([]);
  });

  it('changes nothing on a second run: the rejected fix is rejected again, and nothing is left to apply', () => {
    const again = fixText(PARTLY_FIXED, 'c.yaml', lint('c.yaml'));
    expect(again).toMatchObject({ ok: false, changed: false, text: PARTLY_FIXED, applied: [], problem: 'fixing would introduce require-no-new-privileges, unused-disable-directive' });
    expect(again.rejected.map((r) => r.finding.ruleId)).toEqual(['no-unconfined-security-profile']);
  });

  it('does not fix what a disable comment silenced once a fix deletes that comment', () => {
    // Removing the only security_opt entry deletes the key and the comment on its line; the
    // suppressed require-no-new-privileges would come back and be fixed in the next pass.
    const text = ['services:', '  web:', '    image: webui:1.27', '    security_opt: # compose-lint-disable-line require-no-new-privileges -- reviewed', '      - seccomp:unconfined', ''].join('\n');
    const outcome = fixText(text, 'c.yaml', lint('c.yaml'));
    expect(outcome.text).toBe(text);
    expect(outcome.rejected.map((r) => `${r.finding.ruleId}: ${r.reason}`)).toEqual(['no-unconfined-security-profile: fixing would introduce require-no-new-privileges']);
  });

  it('still fixes the siblings of a silenced finding: same rule, same service, another place', () => {
    const text = ['services:', '  web:', '    image: webui:1.27', '    security_opt: ["no-new-privileges:true"]', '    ports:', '      # compose-lint-disable-next-line no-unbound-port -- public', '      - "90:90"', '      - "81:81"', ''].join('\n');
    const outcome = fixText(text, 'c.yaml', lint('c.yaml'));
    expect(outcome.text).toBe(text.replace('"81:81"', '"127.0.0.1:81:81"'));
    expect(outcome.applied.map((a) => `${a.finding.line} ${a.finding.ruleId}`)).toEqual(['8 no-unbound-port']);
  });

  it('keeps the same result with CRLF line ends', () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const outcome = fixText(crlf(DIRECTIVE), 'c.yaml', lint('c.yaml'));
    expect(outcome.text).toBe(crlf(PARTLY_FIXED));
    expect(outcome.rejected.map((r) => r.finding.ruleId)).toEqual(['no-unconfined-security-profile']);
  });

  it('keeps the earlier of two fixes that are fine alone but add a finding together', () => {
    const text = 'services:\n  web:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: ["90:90"]\n    privileged: true\n';
    // Pretend some rule dislikes the port bound to loopback on a service that is no longer privileged.
    const clash = (t: string): Finding[] => [...lint('c.yaml')(t), ...(t.includes('127.0.0.1') && !t.includes('privileged') ? [made('c.yaml')] : [])];
    const outcome = fixText(text, 'c.yaml', clash);
    expect(outcome.ok).toBe(true);
    expect(outcome.applied.map((a) => a.finding.ruleId)).toEqual(['no-unbound-port']);
    expect(outcome.rejected.map((r) => `${r.finding.ruleId}: ${r.reason}`)).toEqual(['no-privileged: fixing would introduce made-up']);
    expect(outcome.text).toBe(text.replace('"90:90"', '"127.0.0.1:90:90"'));
  });

  it('rejects the file as before when no fix passes, listing each fix with its reason', () => {
    const text = 'services:\n  web:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: ["90:90"]\n    privileged: true\n';
    const dislikesAnyChange = (t: string): Finding[] => [...lint('c.yaml')(t), ...(t === text ? [] : [made('c.yaml')])];
    const outcome = fixText(text, 'c.yaml', dislikesAnyChange);
    expect(outcome).toMatchObject({ ok: false, changed: false, text, applied: [], problem: 'fixing would introduce made-up' });
    expect(outcome.newFindings.map((f) => f.ruleId)).toEqual(['made-up']);
    expect(outcome.rejected.map((r) => `${r.finding.ruleId}: ${r.reason}`)).toEqual(['no-unbound-port: fixing would introduce made-up', 'no-privileged: fixing would introduce made-up']);
  });

  it('lints the file a number of times logarithmic in its fixes to leave out one bad fix among 40', () => {
    const n = 40;
    const service = (i: number): string => `  s${i}:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: ["${10000 + i}:90"]\n`;
    const services = (from: number): string => Array.from({ length: n / 2 }, (_, i) => service(from + i)).join('');
    const text = `${services(0).replace(/^/, 'services:\n')}${DIRECTIVE.replace('services:\n  web:', '  bad:').replace(/ {4}ports:\n.*\n {4}privileged: true\n/, '')}${services(n / 2)}`;
    let lints = 0;
    const outcome = fixText(text, 'c.yaml', (t) => (lints++, lint('c.yaml')(t)));
    expect(outcome.applied).toHaveLength(n);
    expect(outcome.rejected.map((r) => `${r.finding.service} ${r.finding.ruleId}: ${r.reason}`)).toEqual([
      'bad no-unconfined-security-profile: fixing would introduce require-no-new-privileges, unused-disable-directive',
    ]);
    // The first lint, the attempt with every fix, then one lint per attempt of the bisection (a fix per attempt took n + 1).
    expect(lints).toBeLessThanOrEqual(2 + 2 * Math.ceil(Math.log2(n + 1)));
  });

  it('still reports what the fixers refused, next to the rejected fix', () => {
    const api = '  api:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: *ports\n';
    const text = `x-ports: &ports\n  - "9090:90"\n${DIRECTIVE}${api}`;
    const outcome = fixText(text, 'c.yaml', lint('c.yaml'));
    expect(outcome.refused.map((r) => `${r.finding.service}: ${r.reason}`)).toEqual(['api: `ports` is an alias (*ports): editing it would change every use of the anchor']);
    expect(outcome.rejected.map((r) => r.finding.ruleId)).toEqual(['no-unconfined-security-profile']);
    expect(outcome.applied.map((a) => a.finding.ruleId)).toEqual(['no-unbound-port', 'no-privileged']);
  });
});

describe('fixText with a fix that can only be made after a left-out one', () => {
  // No fixer of today depends on another this way: this lint stands for a rule whose finding
  // moves once another fix is made. While web is privileged, its port finding points at `ports:`,
  // where the fixer refuses it; once privileged is removed it points into the item, and is fixed.
  // Removing privileged adds a finding, so that fix is left out, and the port fix is never made.
  const text = ['services:', '  web:', '    image: webui:1.27', '    security_opt: ["no-new-privileges:true"]', '    ports:', '      - target: 90', '        published: 8080', '    privileged: true', ''].join('\n');
  const api = '  api:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: ["9090:90"]\n';
  const dependent = (t: string): Finding[] => {
    const privileged = t.includes('privileged: true');
    const findings = lint('c.yaml')(t).map((f) => (f.ruleId === 'no-unbound-port' && f.service === 'web' && privileged ? { ...f, line: 5, column: 5, endLine: 5, endColumn: 10 } : f));
    return privileged ? findings : [...findings, made('c.yaml')];
  };
  const brief = (entries: { finding: Finding; reason: string }[]) => entries.map((e) => `${e.finding.line}:${e.finding.column} ${e.finding.ruleId}: ${e.reason}`);

  it('says so when nothing else can be fixed', () => {
    const outcome = fixText(text, 'c.yaml', dependent);
    expect(outcome).toMatchObject({ ok: false, changed: false, text, applied: [], refused: [] });
    expect(brief(outcome.rejected)).toEqual([
      '8:17 no-privileged: fixing would introduce made-up',
      '7:20 no-unbound-port: fixable only after the fix left out at 8:17 (no-privileged)',
    ]);
    expect(outcome.rejected[1]!.fix.description).toMatch(/^bind port "8080:90" of service "web"/);
  });

  it('says so beside the fixes that are applied, and beside the refusal of its finding as it stands', () => {
    const outcome = fixText(`${text}${api}`, 'c.yaml', dependent);
    expect(outcome).toMatchObject({ ok: true, changed: true, text: `${text}${api.replace('"9090:90"', '"127.0.0.1:9090:90"')}` });
    expect(outcome.applied.map((a) => `${a.finding.line}:${a.finding.column} ${a.finding.ruleId}`)).toEqual(['12:13 no-unbound-port']);
    expect(brief(outcome.rejected)).toEqual([
      '8:17 no-privileged: fixing would introduce made-up',
      '7:20 no-unbound-port: fixable only after the fix left out at 8:17 (no-privileged)',
    ]);
    expect(brief(outcome.refused)).toEqual(['5:5 no-unbound-port: the reported value is not written in `ports` of service "web" (it comes from an anchor, a merge key or another file)']);
  });
});

describe('runFixGate with a rejected fix', () => {
  it('reports it as a violation, though the other fixes were applied', () => {
    const report = runFixGate([{ file: 'c.yaml', text: DIRECTIVE }], (text, file) => lint(file)(text));
    expect(report.changed).toBe(1);
    expect(report.fixesApplied).toBe(2);
    expect(report.violations).toEqual([{ file: 'c.yaml', invariant: 'accepted', detail: 'no-unconfined-security-profile: fixing would introduce require-no-new-privileges, unused-disable-directive' }]);
  });
});
