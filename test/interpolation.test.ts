import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDotenv, toMap } from '../src/loader/dotenv.js';
import { interpolateString, interpolateTree, type TreeIssue } from '../src/loader/interpolation.js';
import { parseYaml } from '../src/loader/yaml.js';
import { UNKNOWN_MARK, get, type LMap, type LScalar } from '../src/model/node.js';

const env = new Map(Object.entries({ SET: 'value', EMPTY: '', FOO: 'foo', PORT: '5432' }));
const lookup = (name: string) => env.get(name);
const value = (text: string) => interpolateString(text, lookup);

describe('interpolateString (compose-go template semantics)', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['x${SET}y$FOO', 'xvaluey' + 'foo'],
    ['${UNSET:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${UNSET-def}', 'def'],
    ['${SET:-def}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${SET:?err}', 'value'],
    ['${UNSET:-${FOO}}', 'foo'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['${UNSET:-a}:${PORT}', 'a:5432'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['cost: 5$', 'cost: 5$'],
    ['$1 and $ alone', '$1 and $ alone'],
  ])('%s -> %s', (text, expected) => {
    const result = value(text);
    expect(result.value).toBe(expected);
    expect(result.unknown).toBe(false);
    expect(result.issues).toEqual([]);
  });

  it('leaves a variable with no value and no default unknown, with its position marked', () => {
    expect(value('${UNSET}:5432')).toMatchObject({ value: ':5432', masked: `${UNKNOWN_MARK}:5432`, unknown: true });
    expect(value('$UNSET')).toMatchObject({ value: '', unknown: true });
    // Unset here but maybe set where Compose runs: `+` cannot be decided.
    expect(value('${UNSET:+alt}')).toMatchObject({ unknown: true });
    expect(value('${UNSET:-${ALSO_UNSET}}')).toMatchObject({ unknown: true });
  });

  it('reports required variables without a value, and invalid expressions, without throwing', () => {
    const required = value('${UNSET:?set UNSET first}');
    expect(required.unknown).toBe(true);
    expect(required.issues).toEqual([{ kind: 'required', variable: 'UNSET', message: 'required variable UNSET is not set: set UNSET first' }]);
    expect(value('${EMPTY:?}').issues[0]).toMatchObject({ kind: 'required', message: 'required variable EMPTY is empty: EMPTY is required' });
    expect(value('${EMPTY?x}').issues).toEqual([]);
    expect(value('${}').issues[0]!.kind).toBe('invalid');
    expect(value('${SET').issues[0]!.kind).toBe('invalid');
    expect(value('${SET/a/b}').issues[0]!.kind).toBe('invalid');
  });
});

describe('interpolateTree', () => {
  it('quotes the faulty expression, not the whole value, and only a piece of a long one', () => {
    expect(value('Sup3rS3cret${x').issues[0]!.message).toBe('invalid interpolation format: unclosed "${" in "${x"');
    expect(value('pre${1bad}post').issues[0]!.message).toBe('invalid interpolation format "${1bad}"');
    const long = value(`\${${'a'.repeat(100_000)}`).issues[0]!.message;
    expect(long).toBe(`invalid interpolation format: unclosed "\${" in "\${${'a'.repeat(58)}…"`);
    expect(value(`\${UNSET:?${'why '.repeat(1000)}}`).issues[0]!.message.length).toBeLessThan(200);
  });

  it('interpolates values, never keys, and keeps the written text and location', () => {
    const root = parseYaml('services:\n  web:\n    labels:\n      "$FOO": "${SET}"\n    image: "nginx:${TAG:-1.27}"\n    ports: [8080]\n', 'c.yaml').root!;
    const issues: TreeIssue[] = [];
    const out = interpolateTree(root, lookup, issues) as LMap;
    const web = get(get(out, 'services'), 'web');
    const image = get(web, 'image') as LScalar;
    expect(image).toMatchObject({ value: 'nginx:1.27', source: 'nginx:${TAG:-1.27}', loc: { file: 'c.yaml', line: 5, column: 12 } });
    const label = (get(web, 'labels') as LMap).entries[0]!;
    expect(label.key.value).toBe('$FOO');
    expect(label.value).toMatchObject({ value: 'value', source: '${SET}' });
    expect((get(web, 'ports') as { items: LScalar[] }).items[0]!.value).toBe(8080);
    expect(issues).toEqual([]);
  });
});

const dotenvDir = join(import.meta.dirname, '..', 'fixtures', 'loader', 'compose-go', 'dotenv');
function dotenv(name: string, outside: Record<string, string> = {}) {
  const parsed = parseDotenv(readFileSync(join(dotenvDir, name), 'utf8'), name, { lookup: (k) => outside[k] });
  return { vars: Object.fromEntries(toMap(parsed.vars)), problems: parsed.problems };
}

describe('dotenv (compose-go dotenv/fixtures)', () => {
  it('plain.env: spaces around =, inline comments, empty values', () => {
    expect(dotenv('plain.env').vars).toEqual({
      OPTION_A: '1', OPTION_B: '2', OPTION_C: '3', OPTION_D: '4', OPTION_E: '5', 456: 'ABC', OPTION_F: '', OPTION_G: '', OPTION_H: 'my string',
    });
  });

  it('quoted.env: single quotes literal, double quotes with escapes, multi-line values', () => {
    expect(dotenv('quoted.env').vars).toEqual({
      OPTION_A: '1', OPTION_B: '2', OPTION_C: '', OPTION_D: '\\n', OPTION_E: '1', OPTION_F: '2', OPTION_G: '', OPTION_H: '\n',
      OPTION_I: "echo 'asd'", OPTION_J: 'first line\nsecond line\nthird line\nand so on', OPTION_K: "Let's go!", OPTION_Z: 'last value',
    });
  });

  it('exported.env, equals.env, special.env, custom.format (KEY: value), utf8-bom.env', () => {
    expect(dotenv('exported.env').vars).toEqual({ OPTION_A: '2', OPTION_B: '\\n' });
    expect(dotenv('equals.env').vars).toEqual({ OPTION_A: 'postgres://localhost:5432/database?sslmode=disable' });
    expect(dotenv('special.env').vars).toEqual({ 'VAR.WITH.DOTS': 'dots', VAR_WITH_UNDERSCORES: 'underscores', 'VAR-WITH-DASHES': 'dashes' });
    expect(dotenv('custom.format').vars).toEqual({ FOO: 'BAR', ZOT: 'QIX' });
    expect(dotenv('utf8-bom.env').vars['OPTION_A']).toBe('1');
  });

  it('substitutions expand earlier values and the outside environment', () => {
    expect(dotenv('substitutions.env').vars).toEqual({ OPTION_A: '1', OPTION_B: '1', OPTION_C: '1', OPTION_D: '1_1', OPTION_E: '' });
    expect(dotenv('substitutions-default.env', { OPTION_A: '2' }).vars).toMatchObject({ OPTION_A: '2', OPTION_D: '2_2' });
  });

  it('bare KEY lines inherit from the outside environment, or stay unset', () => {
    expect(dotenv('inherited-multi-var.env', { VAR_TO_BE_LOADED_FROM_OS_ENV: 'yes' }).vars).toEqual({ foo: 'bar', VAR_TO_BE_LOADED_FROM_OS_ENV: 'yes', bar: 'baz' });
    expect(dotenv('inherited-not-found.env').vars).toEqual({});
  });

  it('invalid1.env: reports the invalid line with its position and keeps the rest', () => {
    const result = dotenv('invalid1.env');
    expect(result.vars['foo']).toBe('\n  a\n  multine\n  value\n');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ loc: { line: 7, column: 1 } });
    expect(result.problems[0]!.message).toContain('INVALID LINE');
  });
});

describe('dotenv value locations', () => {
  it('locates each value as written: unquoted up to its comment, quoted with its quotes, across lines', () => {
    const text = 'A=plain # note\nexport  B = "two words"\nC=\'x\'\nD="line one\nline two"\nE\n';
    const parsed = parseDotenv(text, '.env', { lookup: (k) => (k === 'E' ? 'inherited' : undefined) });
    const at = (name: string) => {
      const v = parsed.vars.find((x) => x.name === name)!;
      return v.valueLoc ? `${v.valueLoc.line}:${v.valueLoc.column}-${v.valueLoc.endLine}:${v.valueLoc.endColumn}` : 'none';
    };
    expect(['A', 'B', 'C', 'D', 'E'].map(at)).toEqual(['1:3-1:8', '2:13-2:24', '3:3-3:6', '4:3-5:10', 'none']);
  });

  it('keeps the written text of an interpolated value, so a rule can tell it from a literal', () => {
    const parsed = parseDotenv('A=u:${PW}@db # c\nB="${PW:-x}\\t"\nC=\'${PW}\'\nD=plain\n', '.env', { lookup: (k) => (k === 'PW' ? 'pw' : undefined) });
    expect(parsed.vars.map((v) => `${v.name}=${v.value} ${v.written ?? '-'}`)).toEqual(['A=u:pw@db u:${PW}@db', 'B=pw\t ${PW:-x}\t', 'C=${PW} -', 'D=plain -']);
  });
});
