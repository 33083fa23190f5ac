import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { resolveSettings } from '../src/engine/config.js';
import { docExamples } from '../src/docs/generate.js';
import { lintProjectDetailed, lintText } from '../src/lint.js';
import fc from 'fast-check';
import { applyExclusions, applySuppressions, coveringDirective, parseDirectives } from '../src/suppress/index.js';
import type { Directive } from '../src/suppress/directives.js';
import type { Finding } from '../src/types.js';
import { fixtureFiles, key, parseExpectations } from './harness.js';
import { tempTree } from './tmp.js';

const knownRules = new Set(allRules.map((r) => r.meta.id));

function finding(ruleId: string, line: number, file = 'c.yaml'): Finding {
  return { ruleId, severity: 'error', message: 'm', file, line, column: 1, endLine: line, endColumn: 2 };
}

/** lintText applies the directives itself: this is what the CLI reports. */
function lintWithSuppressions(text: string, file: string, requireReason = false): Finding[] {
  return lintText(text, file, { preset: 'strict', requireReason }).findings;
}

describe('parseDirectives', () => {
  it('reads every kind, its rules and its reason', () => {
    const text = [
      '# compose-lint-disable-file a, b -- legacy file',
      'services: # compose-lint-disable x',
      '  web: # compose-lint-disable-line',
      '    # compose-lint-disable-next-line c d -- why -- really',
      '',
      '    # another comment',
      '    image: nginx',
      '# compose-lint-enable',
    ].join('\n');
    const ds = parseDirectives(text, 'c.yaml');
    expect(ds.map((d) => [d.kind, d.rules, d.reason, d.loc.line, d.loc.column, d.targetLine])).toEqual([
      ['disable-file', ['a', 'b'], 'legacy file', 1, 1, undefined],
      ['disable', ['x'], undefined, 2, 11, undefined],
      ['disable-line', [], undefined, 3, 8, 3],
      ['disable-next-line', ['c', 'd'], 'why -- really', 4, 5, 7],
      ['enable', [], undefined, 8, 1, undefined],
    ]);
  });

  it('ignores `#` inside quoted strings and block scalars, and look-alike words', () => {
    const text = [
      'services:',
      '  web:',
      '    image: "nginx # compose-lint-disable-file"',
      "    command: 'sh # compose-lint-disable-line'",
      '    entrypoint: |',
      '      # compose-lint-disable-file',
      '    labels: [ "# compose-lint-disable" ] # compose-lint-disabled no',
      '    # compose-lint-disable-nextline x',
    ].join('\n');
    expect(parseDirectives(text, 'c.yaml')).toEqual([]);
  });

  it('finds directives in flow collections, after document ends and in later documents', () => {
    const text = ['a: [1, # compose-lint-disable-line r1', '  2]', '...', '# compose-lint-disable r2', '---', 'b: 1 # compose-lint-enable r2', ''].join('\n');
    expect(parseDirectives(text, 'c.yaml').map((d) => `${d.kind}:${d.rules.join()}@${d.loc.line}`)).toEqual(['disable-line:r1@1', 'disable:r2@4', 'enable:r2@6']);
  });

  it('ends the rule list at a later `#`, so a directive can carry a note', () => {
    expect(parseDirectives('a: 1 # compose-lint-disable-line # expect: x\n', 'c.yaml')[0]!.rules).toEqual([]);
    expect(parseDirectives('a: 1 # compose-lint-disable-line r1 -- see #12\n', 'c.yaml')[0]).toMatchObject({ rules: ['r1'], reason: 'see #12' });
  });

  it('gives disable-next-line on the last line no target', () => {
    expect(parseDirectives('a: 1\n# compose-lint-disable-next-line\n\n', 'c.yaml')[0]!.targetLine).toBe(0);
  });
});

describe('applySuppressions', () => {
  const text = [
    'services:', // 1
    '  web:', // 2
    '    # compose-lint-disable r1 -- range', // 3
    '    a: 1', // 4
    '    # compose-lint-enable r1', // 5
    '    b: 1', // 6
    '    # compose-lint-disable', // 7
    '    c: 1', // 8
    '    # compose-lint-enable r2', // 9
    '    d: 1', // 10
  ].join('\n');
  const directives = parseDirectives(text, 'c.yaml');

  it('applies ranges: the last disable or enable at or before the line decides', () => {
    const out = applySuppressions([finding('r1', 4), finding('r1', 6), finding('r2', 8), finding('r2', 10), finding('r1', 10)], directives, { knownRules: new Set(['r1', 'r2']) });
    const state = out.map((f) => `${f.ruleId}@${f.line}:${f.suppression ? f.suppression.justification ?? 'yes' : 'no'}`);
    expect(state).toEqual(['r1@4:range', 'r1@6:no', 'r2@8:yes', 'r1@10:yes', 'r2@10:no']);
  });

  it('reports directives that suppress nothing, per rule, and unknown rules', () => {
    const t = ['# compose-lint-disable-file r1, r2, nope -- x', 'a: 1 # compose-lint-disable-line r3', 'b: 2'].join('\n');
    const out = applySuppressions([finding('r1', 3)], parseDirectives(t, 'c.yaml'), { knownRules: new Set(['r1', 'r2', 'r3']) });
    expect(out.filter((f) => f.ruleId === 'unused-disable-directive').map((f) => `${f.messageId}@${f.line}:${f.column} ${f.message}`)).toEqual([
      'unusedRule@1:1 `compose-lint-disable-file` does not suppress any "r2" finding: remove "r2" from it',
      'unknownRule@1:1 `compose-lint-disable-file` names unknown rule "nope" (see --list-rules)',
      'unused@2:6 `compose-lint-disable-line` suppresses nothing: remove it',
    ]);
    expect(out.find((f) => f.ruleId === 'r1')!.suppression).toEqual({ kind: 'inSource', justification: 'x' });
  });

  it('does not report rules that are off, and honours the severity of unused-disable-directive', () => {
    const settings = resolveSettings(allRules, 'recommended', new Map([['no-unbound-port', { severity: 'off' as const }], ['unused-disable-directive', { severity: 'error' as const }]]));
    const t = 'a: 1 # compose-lint-disable-line no-unbound-port\nb: 1 # compose-lint-disable-line no-host-network\n';
    const out = applySuppressions([], parseDirectives(t, 'c.yaml'), { settings, knownRules });
    expect(out.map((f) => `${f.line} ${f.severity}`)).toEqual(['2 error']);
    const off = resolveSettings(allRules, 'recommended', new Map([['unused-disable-directive', { severity: 'off' as const }]]));
    expect(applySuppressions([], parseDirectives(t, 'c.yaml'), { settings: off, knownRules })).toEqual([]);
  });

  it('reports missing reasons only with requireReason', () => {
    const t = 'a: 1 # compose-lint-disable-line r1\n';
    const ds = parseDirectives(t, 'c.yaml');
    expect(applySuppressions([finding('r1', 1)], ds, {}).filter((f) => f.ruleId === 'unused-disable-directive')).toEqual([]);
    const out = applySuppressions([finding('r1', 1)], ds, { requireReason: true });
    expect(out.filter((f) => f.ruleId === 'unused-disable-directive').map((f) => f.messageId)).toEqual(['missingReason']);
  });

  it('leaves internal errors, other files and already suppressed findings alone', () => {
    const ds = parseDirectives('# compose-lint-disable-file\n', 'c.yaml');
    const external: Finding = { ...finding('r1', 1), suppression: { kind: 'external', justification: 'config' } };
    const out = applySuppressions([finding('internal-error', 1), finding('r2', 1, 'other.yaml'), external], ds, {});
    expect(out.map((f) => f.suppression?.kind ?? 'none')).toEqual(['none', 'external', 'none', 'none']);
    expect(out.map((f) => f.ruleId)).toEqual(['internal-error', 'r1', 'unused-disable-directive', 'r2']);
  });
});

describe('finding the directive that covers a finding', () => {
  /** The search it replaced: every directive of the project, for every finding. */
  function naive(f: Finding, directives: Directive[]): Directive | undefined {
    const covers = (d: Directive) => d.rules.length === 0 || d.rules.includes(f.ruleId);
    const mine = directives.filter((d) => d.loc.file === f.file && covers(d));
    const line = mine.find((d) => (d.kind === 'disable-line' || d.kind === 'disable-next-line') && d.targetLine && f.line >= d.targetLine && f.line <= (d.targetEndLine ?? d.targetLine));
    if (line) return line;
    let range: Directive | undefined;
    for (const d of mine) if ((d.kind === 'disable' || d.kind === 'enable') && d.loc.line <= f.line && (!range || d.offset > range.offset)) range = d;
    if (range?.kind === 'disable') return range;
    return mine.find((d) => d.kind === 'disable-file');
  }

  it('chooses what searching every directive chose', () => {
    const kind = fc.constantFrom('disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable');
    const rules = fc.subarray(['r1', 'r2', 'r3'], { maxLength: 2 });
    const comment = fc.tuple(kind, rules, fc.boolean()).map(([k, r, item]) => ({ k, r, item }));
    fc.assert(
      fc.property(fc.array(comment, { maxLength: 12 }), fc.array(fc.tuple(fc.constantFrom('r1', 'r2', 'r3'), fc.nat(30)), { maxLength: 20 }), (comments, wanted) => {
        // One comment per line, each above a key or the first line of a sequence item spanning two lines.
        const lines = ['services:', '  web:', '    image: nginx:1.27', '    list:'];
        for (const { k, r, item } of comments) {
          lines.push(`    # compose-lint-${k}${r.length ? ` ${r.join(', ')}` : ''}`);
          lines.push(item ? '      - a: 1\n        b: 2' : '    x: 1');
        }
        const text = lines.join('\n');
        const directives = parseDirectives(text, 'c.yaml');
        const findings = wanted.map(([rule, line]) => finding(rule, line + 1));
        for (const f of findings) expect(coveringDirective(f, directives)).toBe(naive(f, directives));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the directives once, not once per finding', () => {
    const n = 3000;
    const text = `services:\n${Array.from({ length: n }, (_, i) => `  s${i}: # compose-lint-disable-line r1 -- ok\n    image: a:1\n`).join('')}`;
    const directives = parseDirectives(text, 'c.yaml');
    expect(directives).toHaveLength(n);
    let reads = 0;
    const counted = new Proxy(directives, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const out = applySuppressions(Array.from({ length: n }, (_, i) => finding('r1', 2 + 2 * i)), counted, {});
    expect(out.every((f) => f.suppression)).toBe(true);
    expect(reads).toBeLessThan(10 * n);
  });
});

describe('unused-disable-directive fixtures, through lintText', () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'rules', 'unused-disable-directive');
  for (const file of fixtureFiles(dir)) {
    it(file.split('/').pop()!, () => {
      const text = readFileSync(file, 'utf8');
      const expected = parseExpectations(text).map(key).sort();
      const actual = lintWithSuppressions(text, file).filter((f) => f.ruleId === 'unused-disable-directive').map(key).sort();
      expect(actual).toEqual(expected);
      // Every directive in valid.yaml hides a real finding, which is kept and marked.
      if (file.endsWith('valid.yaml') && !file.includes('invalid')) {
        const hidden = lintWithSuppressions(text, file).filter((f) => ['no-unbound-port', 'no-public-datastore-port', 'no-host-network'].includes(f.ruleId));
        expect(new Set(hidden.map((f) => f.ruleId))).toEqual(new Set(['no-unbound-port', 'no-public-datastore-port', 'no-host-network']));
        expect(hidden.every((f) => f.suppression?.kind === 'inSource')).toBe(true);
      }
    });
  }

  it('reports directives without a reason only with requireReason', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"] # compose-lint-disable-line no-unbound-port\n';
    const ids = (requireReason: boolean) => lintWithSuppressions(text, 'c.yaml', requireReason).filter((f) => !f.suppression).map((f) => f.ruleId);
    expect(ids(false)).not.toContain('unused-disable-directive');
    expect(lintWithSuppressions(text, 'c.yaml', true).find((f) => f.ruleId === 'unused-disable-directive')).toMatchObject({ messageId: 'missingReason', line: 4 });
    expect(ids(true)).not.toContain('no-unbound-port');
  });

  it('a line directive on a list item covers the whole item: a long-syntax port reported at its host_ip', () => {
    const text = [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    ports:',
      '      # compose-lint-disable-next-line no-public-datastore-port -- reviewed: firewall',
      '      - target: 5432',
      '        published: 5432',
      '        host_ip: 0.0.0.0',
      '      - target: 5433',
      '        published: 5433',
      '',
    ].join('\n');
    const findings = lintWithSuppressions(text, 'c.yaml').filter((f) => ['no-unbound-port', 'no-public-datastore-port', 'unused-disable-directive'].includes(f.ruleId));
    expect(findings.map((f) => `${f.line} ${f.ruleId} ${f.suppression ? 'suppressed' : 'shown'}`).sort()).toEqual([
      '10 no-public-datastore-port shown',
      '8 no-public-datastore-port suppressed',
    ]);
  });

  it('docs examples behave as documented', () => {
    const page = readFileSync(join(import.meta.dirname, '..', 'docs', 'rules', 'unused-disable-directive.md'), 'utf8');
    const examples = docExamples(page);
    expect(examples.map((e) => e.kind).sort()).toEqual(['bad', 'good']);
    for (const example of examples) {
      const ids = lintWithSuppressions(example.code, 'doc.yaml').filter((f) => !f.suppression).map((f) => f.ruleId);
      if (example.kind === 'bad') expect(ids).toContain('unused-disable-directive');
      else expect(ids).not.toContain('unused-disable-directive');
    }
  });
});

describe('applyExclusions', () => {
  it('suppresses the excluded services of a rule as external, with the configured reason', () => {
    const excludes = new Map([['r1', new Map([['db', 'VPN only']])]]);
    const inSource: Finding = { ...finding('r1', 3), service: 'db', suppression: { kind: 'inSource' } };
    const out = applyExclusions([{ ...finding('r1', 1), service: 'db' }, { ...finding('r1', 2), service: 'web' }, { ...finding('r2', 1), service: 'db' }, finding('r1', 4), inSource], excludes);
    expect(out.map((f) => f.suppression ?? null)).toEqual([{ kind: 'external', justification: 'VPN only' }, null, null, null, { kind: 'inSource' }]);
    expect(applyExclusions(out, new Map())).toBe(out);
  });
});

describe('directives in a file the project only borrows services from', () => {
  it('suppress there, but are not reported unused for the services the project does not use', () => {
    const root = tempTree('cl-extends-directives-', {
      'common.yml': [
        'services:',
        '  base:',
        '    image: example/fuse:1.0',
        '    privileged: true # compose-lint-disable-line no-privileged -- fuse',
        '  other:',
        '    image: example/other:1.0',
        '    cap_add: [SYS_ADMIN] # compose-lint-disable-line no-dangerous-capability -- fuse',
        '    user: "1000" # compose-lint-disable-line no-such-rule',
        '',
      ],
      'svc1/compose.yaml': 'services:\n  app:\n    extends:\n      file: ../common.yml\n      service: base\n',
    });
    const borrowed = lintProjectDetailed([join(root, 'svc1', 'compose.yaml')], { cwd: root }).result.findings;
    expect(borrowed.filter((f) => f.ruleId === 'no-privileged').map((f) => f.suppression?.kind)).toEqual(['inSource']);
    // Unused in this project only because it does not use service "other": not reported. A misspelt rule still is.
    expect(borrowed.filter((f) => f.ruleId === 'unused-disable-directive').map((f) => `${f.file}:${f.line} ${f.messageId}`)).toEqual(['common.yml:8 unknownRule']);

    // Linted as a project of its own, the whole file counts: both directives are used, the misspelt one reported.
    const whole = lintProjectDetailed([join(root, 'common.yml')], { cwd: root }).result.findings;
    expect(whole.filter((f) => f.ruleId === 'unused-disable-directive').map((f) => `${f.line} ${f.messageId}`)).toEqual(['8 unknownRule']);
  });
});
