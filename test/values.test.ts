/** fixedText: the text the file alone fixes, and with `partial` the literal parts around variables without a default. */
import { describe, expect, it } from 'vitest';
import { interpolateString } from '../src/loader/interpolation.js';
import { fixedLoc, fixedText, fromDefaultIn } from '../src/hardening/values.js';
import { UNKNOWN_MARK as U, type LScalar } from '../src/model/node.js';
import { lintText } from '../src/lint.js';

/** A scalar written plain at column 11 of line 3, interpolated as the loader does with every variable unset. */
function scalar(written: string): LScalar {
  const loc = { file: 'compose.yaml', line: 3, column: 11, endLine: 3, endColumn: 11 + written.length };
  const result = interpolateString(written, () => undefined);
  if (result.value === written && !result.unknown) return { kind: 'scalar', value: written, loc };
  const node: LScalar = { kind: 'scalar', value: result.value, source: written, loc };
  if (result.unknown) Object.assign(node, { unknown: true, masked: result.masked });
  return node;
}

describe('fixedText', () => {
  it('is undefined for a variable without a default unless partial', () => {
    const node = scalar('postgres://app:pw@${DB_HOST}:5432/app');
    expect(fixedText(node)).toBeUndefined();
    const fixed = fixedText(node, { partial: true })!;
    expect(fixed.text).toBe(`postgres://app:pw@${U}:5432/app`);
    expect(fixed.unknown).toBe(true);
    expect(fixed.fromDefault).toBe(false);
  });

  it('keeps the written columns of the literal parts around variables', () => {
    const node = scalar('a:${A}:pw@$B/${C:-dflt}');
    const fixed = fixedText(node, { partial: true })!;
    expect(fixed.text).toBe(`a:${U}:pw@${U}/dflt`);
    const pw = fixed.text.indexOf('pw');
    // `pw` is written at offset 7: columns 18 to 20.
    expect(fixedLoc(node, fixed, pw, pw + 2)).toMatchObject({ line: 3, column: 18, endColumn: 20 });
    expect(fromDefaultIn(fixed, pw, pw + 2)).toBe(false);
    const dflt = fixed.text.indexOf('dflt');
    // A part from a default points at its whole `${...}`.
    expect(fixedLoc(node, fixed, dflt, dflt + 4)).toMatchObject({ column: 24, endColumn: 34 });
    expect(fromDefaultIn(fixed, dflt, dflt + 4)).toBe(true);
  });

  it('marks a default that holds a variable as both', () => {
    const fixed = fixedText(scalar('x${A:-d${B}}y'), { partial: true })!;
    expect(fixed.text).toBe(`xd${U}y`);
    expect(fixed.pieces!.map((p) => [p.start, p.end, p.fromDefault, p.unknown === true])).toEqual([
      [0, 1, false, false],
      [1, 3, true, true],
      [3, 4, false, false],
    ]);
  });

  it('reads texts the file fixes as before, partial or not', () => {
    for (const written of ['plain', 'pre$$post', 'u:${P:-secret}@h', '${A:-}tail']) {
      const node = scalar(written);
      expect(fixedText(node, { partial: true }), written).toEqual(fixedText(node));
      expect(fixedText(node)!.unknown, written).toBeUndefined();
    }
    expect(fixedText(scalar('u:${P:-secret}@h'))!.text).toBe('u:secret@h');
  });

  it('gives up on a text whose parts cannot be told apart', () => {
    expect(fixedText(scalar('a ${unclosed'), { partial: true })).toBeUndefined();
    expect(fixedText({ kind: 'scalar', value: null, loc: scalar('x').loc }, { partial: true })).toBeUndefined();
  });
});

describe('envValueAt (through no-unauthenticated-datastore)', () => {
  const at = (environment: string) => {
    const f = lintText(`services:\n  db:\n    image: postgres:16\n    environment:\n${environment}\n`, 'compose.yaml').findings.find((x) => x.ruleId === 'no-unauthenticated-datastore')!;
    return `${f.line}:${f.column}-${f.endColumn}`;
  };

  it('points at the value of a KEY=value item, quoted or plain, and at a map value', () => {
    expect(at('      - POSTGRES_HOST_AUTH_METHOD=trust')).toBe('5:35-40');
    expect(at('      - "POSTGRES_HOST_AUTH_METHOD=trust"')).toBe('5:36-41');
    expect(at('      POSTGRES_HOST_AUTH_METHOD: trust')).toBe('5:34-39');
  });
});
