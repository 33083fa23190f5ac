/** Hostile and broken input, in process: bounded time for bombs and deep nesting, located findings for wrong shapes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import { aliasBudget, LIMITS, parseYaml } from '../src/loader/yaml.js';
import type { Finding } from '../src/types.js';

const hostile = join(import.meta.dirname, '..', 'fixtures', 'hostile');

/** Hang guard, not a speed check (speed is `npm run bench`): a quadratic pattern on these inputs runs for minutes. */
const HANG_GUARD_MS = 60_000;

const at = (f: Finding) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`;
const ruled = (text: string, ...rules: string[]) => lintText(text, 'compose.yaml').findings.filter((f) => rules.includes(f.ruleId)).map(at);

describe('alias bombs', () => {
  const bombs = readdirSync(join(hostile, 'compose-go')).filter((f) => f.endsWith('.yaml'));

  it.each(bombs)('%s is refused at the alias that blows the budget', (name) => {
    const text = readFileSync(join(hostile, 'compose-go', name), 'utf8');
    const result = lintText(text, name);
    const syntax = result.findings.filter((f) => f.ruleId === 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.message).toMatch(/alias expansion exceeds the limit of 100000 nodes/);
    const line = text.split('\n')[syntax[0]!.line - 1]!;
    expect(line.slice(syntax[0]!.column - 1)).toMatch(/^\*[a-z]/);
  });

  it('refuses one node over the budget, at the alias that goes over, and accepts exactly the budget', () => {
    // Each `*a` expands to 100 nodes (the sequence and its 99 items): 1000 of them are exactly the 100,000 floor.
    const anchor = `x-a: &a [${Array(99).fill(1).join(', ')}]`;
    const uses = `x-b: [${Array(1000).fill('*a').join(', ')}]`;
    expect(parseYaml(`${anchor}\n${uses}\nservices: {}\n`, 'c.yaml').problems).toEqual([]);
    const over = parseYaml(`${anchor}\n${uses}\nx-c: &c 1\nx-d: *c\nservices: {}\n`, 'c.yaml').problems;
    expect(over.map((p) => `${p.loc.line}:${p.loc.column} ${p.message}`)).toEqual(['4:6 alias expansion exceeds the limit of 100000 nodes (possible "billion laughs" document)']);
  });

  it('counts merge keys as the converter does: each merged mapping is expanded, the list around them is not', () => {
    // `*a` is a mapping of 99 entries: 100 nodes per merge, in both the single and the list form.
    const anchor = `x-a: &a {${Array.from({ length: 99 }, (_, i) => `k${i}: 1`).join(', ')}}`;
    const merges = `x-b: [${Array.from({ length: 1000 }, (_, i) => (i % 2 ? '{<<: *a}' : '{<<: [*a]}')).join(', ')}]`;
    expect(parseYaml(`${anchor}\n${merges}\nservices: {}\n`, 'c.yaml').problems).toEqual([]);
    const over = parseYaml(`${anchor}\n${merges}\nx-c: {<<: [*a]}\nservices: {}\n`, 'c.yaml').problems;
    expect(over.map((p) => `${p.loc.line}:${p.loc.column}`)).toEqual(['3:12']);
  });

  it('merges an alias to a list of mappings, as compose-go does, earlier mappings first', () => {
    const parsed = parseYaml('x-list: &l\n  - {image: nginx, user: app}\n  - {image: httpd, privileged: true}\nservices:\n  s1:\n    <<: *l\n    user: root\n', 'c.yaml');
    expect(parsed.problems).toEqual([]);
    const s1 = JSON.parse(JSON.stringify(parsed.root, (k, v: unknown) => (k === 'loc' ? undefined : v))).entries[1].value.entries[0].value;
    expect(s1.entries.map((e: { key: { value: string }; value: { value: unknown } }) => `${e.key.value}=${String(e.value.value)}`)).toEqual(['user=root', 'image=nginx', 'privileged=true']);
    const bad = parseYaml('x-list: &l [{image: nginx}, 42]\nservices:\n  s1:\n    <<: *l\n', 'c.yaml').problems;
    expect(bad.map((p) => `${p.loc.line}:${p.loc.column} ${p.message}`)).toEqual(['1:29 merge key `<<` must refer to a mapping or a list of mappings']);
  });

  it('leaves an expansion nested too deep to the converter, which reports the depth', () => {
    const chain = Array.from({ length: 300 }, (_, i) => (i === 0 ? 'x-0: &a0 [1]' : `x-${i}: &a${i} [*a${i - 1}]`));
    const problems = parseYaml(`${chain.join('\n')}\nservices: {}\n`, 'c.yaml').problems;
    expect(problems.map((p) => p.message)).toEqual(['nesting deeper than 256 levels once aliases are expanded']);
  });

  it('scales the budget with the written size, so big files with shared anchors still load', () => {
    const services = Array.from({ length: 1500 }, (_, i) => `  s${i}:\n    <<: *defaults\n    image: app:${i}\n    labels: [a, b, c]`);
    const defaults = Array.from({ length: 40 }, (_, i) => `  L${i}: v`).join('\n');
    const text = `x-defaults: &defaults\n  environment:\n${defaults.replace(/^/gm, '  ')}\n  restart: always\nservices:\n${services.join('\n')}\n`;
    const parsed = parseYaml(text, 'compose.yaml');
    expect(parsed.problems).toEqual([]);
    // More than the 100,000 floor was expanded: only the relative budget lets this file load.
    expect(JSON.stringify(parsed.root).match(/"kind"/g)!.length).toBeGreaterThan(LIMITS.aliasExpansion);
    expect(aliasBudget(1e9)).toBe(LIMITS.aliasExpansionCap);
    expect(aliasBudget(10)).toBe(LIMITS.aliasExpansion);
  });

  it('reports alias cycles and unknown aliases where they are written', () => {
    expect(ruled('x-a: &a [1, *a]\nservices: {}\n', 'yaml-syntax')).toEqual(['1:13 yaml-syntax alias *a refers to a node that contains it (a cycle)']);
    expect(ruled('services:\n  web: *nope\n', 'yaml-syntax')).toEqual(['2:8 yaml-syntax unknown alias *nope']);
  });

  it('resolves an alias to the latest anchor of that name before it', () => {
    const parsed = parseYaml('a: &x 1\nb: *x\nc: &x 2\nd: *x\n', 'c.yaml');
    const values = parsed.root!.kind === 'map' ? parsed.root!.entries.map((e) => (e.value.kind === 'scalar' ? e.value.value : null)) : [];
    expect(values).toEqual([1, 1, 2, 2]);
  });
});

describe('deep nesting and huge inputs', () => {
  const deep: [string, string][] = [
    ['100,000 [', '['.repeat(100_000)],
    ['100,000 {', '{'.repeat(100_000)],
    ['100,000 [ closed', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['block sequences', `${'- '.repeat(100_000)}x`],
    ['explicit keys', `${'? '.repeat(100_000)}x`],
    ['indentation', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
  ];

  // One worker runs them all: a second stack overflow inside yaml used to abort Node itself.
  it.each(deep)('%s: one located finding, no overflow', (_name, text) => {
    const result = lintText(text, 'compose.yaml');
    const syntax = result.findings.filter((f) => f.ruleId === 'yaml-syntax');
    expect(syntax.map((f) => f.message)).toEqual([`nesting deeper than ${LIMITS.depth} levels; compose-lint refuses such files (see docs/security.md)`]);
    expect(syntax[0]!.line).toBeGreaterThanOrEqual(1);
  }, HANG_GUARD_MS);

  it('places the nesting finding where the limit is crossed', () => {
    const text = `services:\n  web:\n    command: ${'['.repeat(300)}\n`;
    expect(ruled(text, 'yaml-syntax')).toEqual([`3:${14 + LIMITS.depth - 3} yaml-syntax nesting deeper than ${LIMITS.depth} levels; compose-lint refuses such files (see docs/security.md)`]);
  });

  it('does not count brackets in quotes, comments or block scalars', () => {
    const many = '['.repeat(2000);
    const text = `services:\n  web:\n    image: nginx:1.27\n    command: "${many}"\n    entrypoint: '${many}'\n    # ${many}\n    healthcheck:\n      test: |\n        ${many}\n`;
    expect(ruled(text, 'yaml-syntax')).toEqual([]);
    const nested = `x: ${'['.repeat(200)}1${']'.repeat(200)}\nservices: {}\n`;
    expect(ruled(nested, 'yaml-syntax')).toEqual([]);
  });

  it('processes a 10 MiB single line', () => {
    const text = `services:\n  web:\n    image: nginx:1.27\n    command: ${'x'.repeat(10 * 1024 * 1024 - 64)}\n`;
    const result = lintText(text, 'compose.yaml');
    expect(result.findings.filter((f) => f.ruleId === 'yaml-syntax' || f.ruleId === 'internal-error')).toEqual([]);
    expect(result.findings.map((f) => f.ruleId)).toContain('require-no-new-privileges');
  }, HANG_GUARD_MS);

  it('has no quadratic pattern on long values of any texture (200 kB each)', () => {
    for (const unit of ['x', 'x.', 'a1', 'a:', 'a@', 'a-', '${a', '$a', 'a:1', 'http://', '1:', 'x:x@', '-v ']) {
      const body = JSON.stringify(unit.repeat(Math.ceil(200_000 / unit.length)));
      const text = `services:\n  web:\n    image: nginx:1.27\n    command: ${body}\n    environment:\n      DATABASE_URL: ${body}\n`;
      const findings = lintText(text, 'compose.yaml').findings;
      expect(findings.filter((f) => ['yaml-syntax', 'internal-error'].includes(f.ruleId)), unit).toEqual([]);
      expect(findings.map((f) => f.ruleId), unit).toContain('require-no-new-privileges');
      // Messages quote a piece of such a value, never all of it.
      expect(Math.max(...findings.map((f) => f.message.length)), unit).toBeLessThan(1200);
    }
  }, HANG_GUARD_MS);

  it('refuses millions of lines or flow items, at the line where the limit is crossed', () => {
    for (const text of ['\n'.repeat(5_000_000), `a: [${'1,'.repeat(2_000_000)}]`, 'k: 1\n'.repeat(400_000)]) {
      const result = lintText(text, 'compose.yaml');
      const syntax = result.findings.filter((f) => f.ruleId === 'yaml-syntax');
      expect(syntax.map((f) => f.message)).toEqual([`more than ${LIMITS.tokens} lines and flow items; compose-lint refuses such files (see docs/security.md)`]);
    }
  }, HANG_GUARD_MS);

  it('checks duplicate keys in a mapping of 20,000 keys and reports the second one', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `      K${i}: v`).join('\n');
    expect(parseYaml(`services:\n  web:\n    environment:\n${keys}\n`, 'c.yaml').problems).toEqual([]);
    const repeated = parseYaml(`services:\n  web:\n    environment:\n${keys}\n      K7: w\n`, 'c.yaml').problems;
    expect(repeated.map((p) => `${p.loc.line}:${p.loc.column} ${p.message}`)).toEqual(['20004:7 duplicate key "K7" (first defined at line 11)']);
    expect(ruled('services:\n  web:\n    image: a\n    image: b\n', 'yaml-syntax')).toEqual(['4:5 yaml-syntax duplicate key "image" (first defined at line 3)']);
    // As in yaml's uniqueKeys: 1 and "1" differ, merge keys may repeat.
    expect(parseYaml('a: {1: x, "1": y}\nb:\n  <<: {p: 1}\n  <<: {q: 2}\n', 'c.yaml').problems).toEqual([]);
  }, HANG_GUARD_MS);
});

describe('wrong shapes give located findings', () => {
  const shapes: [string, string, string[]][] = [
    ['top-level sequence', '- a\n- b\n', ['1:1 compose-schema top-level must be a mapping of compose keys (services, networks, ...)']],
    ['top-level scalar', 'hello\n', ['1:1 compose-schema top-level must be a mapping of compose keys (services, networks, ...)']],
    ['services as a list', 'services:\n  - web\n', ['2:3 compose-schema "services" must be a mapping of service names to service definitions; got a list']],
    ['a null service', 'services:\n  web:\n', ['2:3 compose-schema service "web" must be a mapping; got null (an empty value)']],
    ['a service that is a string', 'services:\n  web: nginx\n', ['2:8 compose-schema service "web" must be a mapping; got "nginx"']],
    ['ports as a mapping', 'services:\n  web:\n    image: nginx:1.2\n    ports:\n      a: 80\n', ['5:7 compose-schema services.web.ports must be a list; got a mapping']],
    ['numbers for strings', 'services:\n  web:\n    image: 1.5\n', ['3:12 compose-schema services.web.image must be a string; got 1.5']],
    ['a key that is not a string', 'services:\n  ? [a, b]\n  : image: x\n', ['2:5 yaml-syntax mapping key is not a scalar; Compose keys must be strings']],
    ['an octal-looking mode', 'services:\n  web:\n    image: nginx:1.2\n    secrets:\n      - source: s\n        mode: 0777\nsecrets:\n  s:\n    file: ./s\n', ['6:15 compose-load 0777 is an octal number in Compose (511, i.e. 0o777) but decimal 777 for YAML 1.2 tools; write 0o777 to be unambiguous']],
  ];

  it.each(shapes)('%s', (_name, text, expected) => {
    expect(ruled(text, 'compose-schema', 'yaml-syntax', 'compose-load')).toEqual(expected);
  });

  it('says at which column a misindented key starts and at which its mapping starts, pointing at the line', () => {
    const same = 'All mapping items must start at the same column';
    // One space too far: still read as a sibling of "web".
    expect(ruled('services:\n  web:\n    image: nginx:1.2\n   db:\n    image: redis:7\n', 'yaml-syntax')).toEqual([`4:1 yaml-syntax ${same}: this key is at column 4, the mapping's first key at column 3`]);
    // Less indented than "image" but more than "web": yaml closes web's mapping and reads "ports" as a service.
    expect(ruled('services:\n  web:\n      image: nginx:1.2\n    ports: ["80:80"]\n', 'yaml-syntax')).toEqual([`4:1 yaml-syntax ${same}: this key is at column 5, the mapping's first key at column 3`]);
    // Every such key, with CRLF line ends and quoted keys too.
    const crlf = 'services:\r\n  web:\r\n    image: nginx:1.2\r\n   "db":\r\n    image: redis:7\r\n    ports:\r\n     - 1\r\n     cache: {}\r\n';
    expect(ruled(crlf, 'yaml-syntax')).toEqual([
      `4:1 yaml-syntax ${same}: this key is at column 4, the mapping's first key at column 3`,
      `8:1 yaml-syntax ${same}: this key is at column 6, the mapping's first key at column 5`,
    ]);
  });

  it('reads YAML 1.1 booleans as Compose does, and reports them where written', () => {
    for (const word of ['yes', 'on', 'true']) {
      const findings = ruled(`services:\n  web:\n    image: nginx:1.2\n    privileged: ${word}\n`, 'no-privileged');
      expect(findings, word).toHaveLength(1);
      expect(findings[0]).toMatch(/^4:17 no-privileged /);
    }
  });

  it('merges the documents of a multi-document file and skips comment-only ones', () => {
    const text = 'services:\n  web:\n    image: nginx:1.2\n---\n# Option 2, commented out\n# services: {}\n---\nservices:\n  web:\n    privileged: true\n';
    const findings = lintText(text, 'compose.yaml').findings;
    expect(findings.filter((f) => f.ruleId === 'compose-schema')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'no-privileged').map((f) => f.line)).toEqual([10]);
  });
});
