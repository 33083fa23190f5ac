/** The pieces of a fix: computeFix and computeFixes, the text edits and positions, the fixer table, splitShortPort. */
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { applyTextEdits, computeFix, computeFixes, FIXERS, fixableRuleIds, isRefused, offsetOf, splitShortPort } from '../src/fix/index.js';
import type { Finding } from '../src/types.js';
import { lintFor, read } from './fix-fixtures.js';

describe('computeFix', () => {
  it('returns undefined for rules without a fixer, and a refusal for YAML errors', () => {
    const finding: Finding = { ruleId: 'no-unbound-port', messageId: 'unbound', severity: 'warning', message: 'm', file: 'c.yaml', line: 4, column: 16, endLine: 4, endColumn: 23, service: 'web' };
    expect(computeFix({ ...finding, ruleId: 'no-host-network' }, { text: '' })).toBeUndefined();
    expect(computeFix(finding, { text: 'a: [\n' })).toEqual({ refused: 'the file has YAML errors' });
    expect(computeFix({ ...finding, ruleId: 'require-internal-network', messageId: 'notInternalSplit' }, { text: 'a: 1\n' })).toBeUndefined();
  });

  it('finds the right document of a multi-document file', () => {
    const text = 'services:\n  a:\n    image: x:1\n---\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n';
    const finding: Finding = { ruleId: 'no-unbound-port', messageId: 'unbound', severity: 'warning', message: 'm', file: 'c.yaml', line: 8, column: 13, endLine: 8, endColumn: 20, service: 'web' };
    const fix = computeFix(finding, { text })!;
    expect(isRefused(fix)).toBe(false);
    if (!isRefused(fix)) expect(applyTextEdits(text, fix.edits)).toContain('ports: ["127.0.0.1:80:80"]');
  });

  it('counts columns as the loader does, also with CRLF line ends', () => {
    expect(offsetOf('a\r\nbc\n', 2, 2)).toBe(4);
  });
});

describe('OriginalPositions', () => {
  it('maps a position after edits back, and one inside new text to where that text went in', async () => {
    const { OriginalPositions } = await import('../src/fix/positions.js');
    const original = 'a: 1\nb: "80:80"\nc: 3\nd: 4\n';
    const edits = [{ start: 8, end: 15, text: '"127.0.0.1:80:80"' }, { start: 16, end: 21, text: '' }, { start: 26, end: 26, text: 'e: 5\n' }];
    const positions = new OriginalPositions(original);
    positions.addPass(edits);
    const after = applyTextEdits(original, edits);
    expect(after).toBe('a: 1\nb: "127.0.0.1:80:80"\nd: 4\ne: 5\n');
    const at = (line: number, column: number, endLine: number, endColumn: number): Finding => ({ ruleId: 'r', severity: 'warning', message: 'm', file: 'c.yaml', line, column, endLine, endColumn });
    const map = positions.mapper(after);
    // `d: 4` moved up a line; the rewritten value spans its original text; the appended line sits where it was added.
    expect(map(at(3, 1, 3, 5))).toMatchObject({ line: 4, column: 1, endLine: 4, endColumn: 5 });
    expect(map(at(2, 4, 2, 21))).toMatchObject({ line: 2, column: 4, endLine: 2, endColumn: 11 });
    expect(map(at(4, 1, 4, 5))).toMatchObject({ line: 5, column: 1, endLine: 5, endColumn: 1 });
  });
});

describe('applyTextEdits', () => {
  it('makes edits as if from the end of the file: a later insertion at one offset lands first', () => {
    const text = 'abcdef';
    expect(applyTextEdits(text, [{ start: 1, end: 2, text: 'B' }, { start: 4, end: 4, text: '1' }, { start: 4, end: 4, text: '2' }, { start: 0, end: 0, text: '>' }])).toBe('>aBcd21ef');
    expect(applyTextEdits(text, [{ start: 2, end: 4, text: 'X' }, { start: 2, end: 2, text: 'i' }])).toBe('abiXef');
    expect(applyTextEdits(text, [])).toBe(text);
  });
});

describe('computeFixes', () => {
  it('gives every finding of a file what computeFix gives it alone', () => {
    for (const name of ['ports', 'hardening', 'networks', 'refused']) {
      const text = read(`${name}.yaml`);
      const findings = lintFor(`${name}.yaml`)(text);
      expect(findings.length).toBeGreaterThan(0);
      expect(computeFixes(findings, { text })).toEqual(findings.map((f) => computeFix(f, { text })));
    }
  });

  it('verifies overlapping edits in separate groups, each fix still handed out (the same finding twice)', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n';
    const finding: Finding = { ruleId: 'no-unbound-port', messageId: 'unbound', severity: 'warning', message: 'm', file: 'c.yaml', line: 4, column: 13, endLine: 4, endColumn: 20, service: 'web' };
    const [a, b] = computeFixes([finding, finding], { text });
    expect(a).toEqual(computeFix(finding, { text }));
    expect(b).toEqual(a);
    if (a && !isRefused(a)) expect(applyTextEdits(text, a.edits)).toContain('ports: ["127.0.0.1:80:80"]');
  });
});

describe('the fixer table', () => {
  it('names only rules that exist', () => {
    const ids = new Set(allRules.map((r) => r.meta.id));
    for (const key of Object.keys(FIXERS)) {
      const [ruleId, messageId] = key.split('/') as [string, string?];
      expect(ids, key).toContain(ruleId);
      if (messageId) expect(Object.keys(allRules.find((r) => r.meta.id === ruleId)!.meta.messages), key).toContain(messageId);
    }
  });

  it('covers exactly the rules marked fixable', () => {
    const fixable = allRules.filter((r) => r.meta.fixable).map((r) => r.meta.id).sort();
    expect(fixable).toEqual(fixableRuleIds());
    expect(fixable.length).toBeGreaterThan(0);
  });
});

describe('splitShortPort', () => {
  it.each([
    ['80', { published: '', target: '80' }],
    ['8080:80', { published: '8080', target: '80' }],
    ['0.0.0.0:8080:80/udp', { ip: '0.0.0.0', published: '8080', target: '80/udp' }],
    ['[::]:8080:80', { ip: '[::]', published: '8080', target: '80' }],
    ['127.0.0.1::80', { ip: '127.0.0.1', published: '', target: '80' }],
    ['9000-9001:9000-9001', { published: '9000-9001', target: '9000-9001' }],
  ])('%s', (text, expected) => {
    expect(splitShortPort(text)).toEqual(expected);
  });
  it('rejects what it cannot read', () => {
    expect(splitShortPort('::1:80:80')).toBeUndefined();
    expect(splitShortPort('web')).toBeUndefined();
  });
});
