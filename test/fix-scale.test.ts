/**
 * The fix path stays linear in the file: findings are looked up in indexes built once per
 * mapping or list, the dry run's diff compares only the lines the fixes changed, and secrets
 * are masked in one pass. Checked by counting reads of the YAML collections and by comparing
 * with the plain algorithms, not by timing.
 */
import fc from 'fast-check';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { TakenRanges } from '../src/fix/choose.js';
import { computeFixes, isRefused, parseDocuments, unifiedDiff } from '../src/fix/index.js';
import { OriginalPositions } from '../src/fix/positions.js';
import { applyTextEdits } from '../src/fix/text.js';
import { lintText } from '../src/lint.js';
import { maskAll, maskSecrets } from '../src/reporters/mask.js';

/** Replaces the collection's items with a proxy that counts reads of its entries. */
function countReads(collection: YAMLMap | YAMLSeq): { reads: number } {
  const counter = { reads: 0 };
  collection.items = new Proxy(collection.items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  }) as typeof collection.items;
  return counter;
}

describe('computeFixes on many findings', () => {
  it('finds each service of a big file through an index, reading the services a bounded number of times', () => {
    const n = 2000;
    const text = `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: webui:1.27\n`).join('')}`;
    const findings = lintText(text, 'compose.yaml').findings.filter((f) => f.ruleId === 'require-no-new-privileges');
    expect(findings).toHaveLength(n);
    const documents = parseDocuments(text);
    const services = (documents[0]!.contents as YAMLMap).items[0]!.value as YAMLMap;
    const counter = countReads(services);
    const fixes = computeFixes(findings, { text, documents });
    expect(fixes.every((f) => f !== undefined && !isRefused(f))).toBe(true);
    // A search per finding reads about n * n / 2 entries.
    expect(counter.reads).toBeLessThan(10 * n);
  });

  it('finds each port of a long list through an index', () => {
    const n = 2000;
    const text = `services:\n  web:\n    image: webui:1.27\n    ports:\n${Array.from({ length: n }, (_, i) => `      - "${10000 + i}:90"\n`).join('')}`;
    const findings = lintText(text, 'compose.yaml').findings.filter((f) => f.ruleId === 'no-unbound-port');
    expect(findings).toHaveLength(n);
    const documents = parseDocuments(text);
    const web = ((documents[0]!.contents as YAMLMap).items[0]!.value as YAMLMap).items[0]!.value as YAMLMap;
    const ports = web.items.find((p) => String((p.key as { value: unknown }).value) === 'ports')!.value as YAMLSeq;
    const counter = countReads(ports);
    const fixes = computeFixes(findings, { text, documents });
    expect(fixes.every((f) => f !== undefined && !isRefused(f))).toBe(true);
    expect(counter.reads).toBeLessThan(10 * n);
  });
});

describe('TakenRanges', () => {
  /** The check it replaces: a range overlaps another, or an insertion point touches it. */
  const naive = (a: [number, number], b: [number, number]): boolean =>
    (a[0] < b[1] && b[0] < a[1]) || (a[0] === a[1] && b[0] <= a[0] && a[0] <= b[1]) || (b[0] === b[1] && a[0] <= b[0] && b[0] <= a[1]);

  it('chooses the fixes a check against every chosen range would choose', () => {
    const range = fc.tuple(fc.nat(60), fc.nat(6)).map(([s, l]) => [s, s + l] as [number, number]);
    fc.assert(
      fc.property(fc.array(range, { maxLength: 40 }), (ranges) => {
        const taken = new TakenRanges();
        const kept: [number, number][] = [];
        for (const r of ranges) {
          const clash = kept.some((k) => naive(r, k));
          expect(taken.overlaps(r)).toBe(clash);
          if (!clash) {
            taken.add([r]);
            kept.push(r);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('unifiedDiff told the changed regions', () => {
  const line = fc.constantFrom('a\n', 'b\n', '  x: 1\n', 'c\r\n', '\n', 'dd\n');
  const edit = fc.tuple(fc.nat(), fc.nat(4), fc.constantFrom('', 'Z', '\n  y: 2', 'q\n', 'a\n', '\n'));

  it('gives a diff that turns the text before into the text after, over several passes of edits', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), fc.array(fc.array(edit, { maxLength: 6 }), { minLength: 1, maxLength: 3 }), (lines, noFinalNewline, passes) => {
        const before = noFinalNewline ? lines.join('').replace(/\n$/, '') : lines.join('');
        const positions = new OriginalPositions(before);
        let text = before;
        for (const pass of passes) {
          const edits: { start: number; end: number; text: string }[] = [];
          let at = 0;
          for (const [s, length, inserted] of pass.map(([s, l, t]) => [s % (text.length + 1), l, t] as const).sort((x, y) => x[0] - y[0])) {
            if (s < at) continue;
            const end = Math.min(text.length, s + length);
            edits.push({ start: s, end, text: inserted });
            at = end + 1;
          }
          positions.addPass(edits);
          text = applyTextEdits(text, edits);
        }
        const diff = unifiedDiff(before, text, 'f', [], 3, positions.changes());
        if (before === text) expect(diff).toBe('');
        else expect(applyPatch(before, diff)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('prints what jsdiff prints for the edits fixes make', () => {
    const before = ['services:', '  web:', '    image: webui:1.27', '    ports:', '      - "90:90"', '  db:', '    image: postgres:16', '    privileged: true', ''].join('\n');
    const edits = [
      { start: before.indexOf('webui:1.27') + 10, end: before.indexOf('webui:1.27') + 10, text: '\n    security_opt:\n      - no-new-privileges:true' },
      { start: before.indexOf('"90:90"'), end: before.indexOf('"90:90"') + 7, text: '"127.0.0.1:90:90"' },
      { start: before.indexOf('    privileged'), end: before.length, text: '' },
    ];
    const positions = new OriginalPositions(before);
    positions.addPass(edits);
    const after = applyTextEdits(before, edits);
    for (const context of [0, 1, 3]) expect(unifiedDiff(before, after, 'f', [], context, positions.changes())).toBe(unifiedDiff(before, after, 'f', [], context));
  });

  it('diffs a fix in each of many services without comparing every pair of lines', { timeout: 60_000 }, () => {
    // jsdiff's Myers takes time in lines times changed lines: tens of minutes here.
    const n = 40_000;
    const before = `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: webui:1.27\n`).join('')}`;
    const edits = [];
    for (let at = before.indexOf('webui:1.27'); at !== -1; at = before.indexOf('webui:1.27', at + 1)) edits.push({ start: at + 10, end: at + 10, text: '\n    read_only: true' });
    const positions = new OriginalPositions(before);
    positions.addPass(edits);
    const after = applyTextEdits(before, edits);
    const diff = unifiedDiff(before, after, 'f', [], 3, positions.changes());
    expect(diff.split('\n').filter((l) => l === '+    read_only: true')).toHaveLength(n);
    expect(applyPatch(before, diff)).toBe(after);
  });
});

describe('maskAll', () => {
  it('masks every occurrence of every secret, overlapping ones too, in one pass', () => {
    expect(maskAll('a hunter2 b hunter2hunter2 c', ['hunter2hunter2', 'hunter2'])).toBe('a ******* b ************** c');
    expect(maskAll('xabcdx', ['abc', 'bcd'])).toBe('x****x');
    expect(maskAll('nothing here', ['secret'])).toBe('nothing here');
    expect(maskAll('keep', [])).toBe('keep');
  });

  it('masks what replacing each secret in turn masks, and at least that', () => {
    const word = fc.stringMatching(/^[ab]{1,4}$/);
    fc.assert(
      fc.property(fc.stringMatching(/^[abc]{0,40}$/), fc.array(word, { maxLength: 6 }), (text, secrets) => {
        const masked = maskAll(text, secrets);
        expect(masked).toHaveLength(text.length);
        // Every occurrence is masked.
        for (const s of secrets) for (let i = text.indexOf(s); i !== -1; i = text.indexOf(s, i + 1)) expect(masked.slice(i, i + s.length)).toBe('*'.repeat(s.length));
        // Nothing else is.
        for (let i = 0; i < text.length; i++) if (masked[i] === '*') expect(secrets.some((s) => [...Array(s.length).keys()].some((k) => text.startsWith(s, i - k)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('masks a thousand secrets in a long diff', { timeout: 60_000 }, () => {
    const secrets = Array.from({ length: 5000 }, (_, i) => `pw-${i}-${'x'.repeat(20)}`);
    const text = secrets.map((s) => ` PASSWORD: ${s}\n`).join('').repeat(4);
    const masked = maskAll(text, secrets);
    expect(masked).not.toMatch(/pw-/);
    expect(masked).toHaveLength(text.length);
  });
});

describe('maskSecrets', () => {
  const loc = (line: number, column: number, endColumn: number, endLine = line) => ({ file: 'f.yaml', line, column, endLine, endColumn });
  it('masks every place on a line, overlapping ones too, and keeps the columns', () => {
    const source = 'a: x="s1" y="s22" z="s333"\nb: keep\r\nc: multi\nline end';
    const secrets = [loc(1, 7, 9), loc(1, 14, 17), loc(1, 15, 16), loc(1, 22, 26), loc(3, 4, 5, 4)];
    expect(maskSecrets(source, 'f.yaml', [], secrets)).toBe('a: x="**" y="***" z="****"\nb: keep\r\nc: *****\n**** end');
  });

  it('rebuilds each line once, whatever the number of places on it', () => {
    const line = Array.from({ length: 20_000 }, (_, i) => `u${i}:pw`).join(',');
    const secrets = Array.from({ length: 20_000 }, (_, i) => {
      const column = line.indexOf(`u${i}:pw`) + `u${i}:`.length + 1;
      return loc(1, column, column + 2);
    });
    expect(maskSecrets(line, 'f.yaml', [], secrets)!.includes(':pw')).toBe(false);
  });
});
