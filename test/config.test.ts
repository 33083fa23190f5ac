import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { allRules } from '../rules/index.js';
import { defineRule } from '../src/engine/rule.js';
import {
  ConfigError,
  ConfigResolver,
  configSchema,
  effectiveConfig,
  exitCodeFor,
  verdict,
  findConfigFile,
  globToRegExp,
  globProblem,
  loadConfig,
  parseConfig,
  printConfig,
  configSchemaPath,
} from '../src/config/index.js';
import { AMBIGUOUS_REPETITION, BACKREFERENCE, NESTED_QUANTIFIER, patternProblem, TOO_MANY_WAYS } from '../src/config/pattern.js';
import { detectDatastore, MAX_MATCHED_LENGTH } from '../src/graph/datastore.js';
import type { Service } from '../src/model/project.js';
import { lintText } from '../src/lint.js';
import type { Finding, LintResult } from '../src/types.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'config');

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function tempTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'compose-lint-config-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('config schema', () => {
  it('the shipped schema is valid JSON schema and accepts the full example', () => {
    const schema = JSON.parse(readFileSync(configSchemaPath(), 'utf8'));
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    const { parse } = { parse: (t: string) => parseConfig(t, join(fixtures, 'x.yaml')) };
    const config = parse(readFileSync(join(fixtures, 'full.compose-lint.yaml'), 'utf8'));
    const { path: _p, dir: _d, ...data } = config;
    expect(validate(data)).toBe(true);
  });

  it('knows every registered rule', () => {
    const rules = (configSchema().definitions as Record<string, { properties: Record<string, unknown> }>)['rules']!.properties;
    expect(Object.keys(rules).sort()).toEqual(allRules.map((r) => r.meta.id).sort());
  });
});

describe('loadConfig', () => {
  it('reads a valid YAML config', () => {
    const config = loadConfig(join(fixtures, 'full.compose-lint.yaml'));
    expect(config.preset).toBe('strict');
    expect(config.dir).toBe(fixtures);
    expect(config.rules!['no-public-datastore-port']).toEqual({ severity: 'error', exclude: { services: { db: 'only reachable through the VPN on this host' } } });
    expect(config.datastores).toEqual({ images: ['acme/ledger-db', '/^corp\\/.*-store$/'], ports: [7000] });
  });

  it('reports every problem with its line and column', () => {
    expect(problemsOf(() => loadConfig(join(fixtures, 'invalid.compose-lint.yaml')))).toEqual([
      '1:9 preset: must be one of "recommended", "strict"',
      '3:3 unknown rule "no-unbound-prot"; did you mean "no-unbound-port"?',
      '4:20 rules.no-host-network: must be one of "off", "note", "warning", "error"',
      '8:7 unknown key "service" in rules.no-privileged.exclude',
      '10:1 unknown key "colour" in the config',
      '11:14 maxWarnings: must be integer',
    ]);
  });

  it('reads JSON configs with positions too', () => {
    const text = '{\n  "rules": {\n    "no-unbound-port": "loud"\n  }\n}\n';
    expect(problemsOf(() => parseConfig(text, '/x/.compose-lint.json'))).toEqual(['3:24 rules.no-unbound-port: must be one of "off", "note", "warning", "error"']);
  });

  it('refuses classes of patterns whose matching time can explode, and keeps the usual ones', () => {
    const refused: Record<string, string[]> = {
      [NESTED_QUANTIFIER]: ['(a+)+', '([^)]+)+', '((a+))+', '((ab)+)+', '(?:(a+))+', '(x(a+))+', '(a*)*', '(a+){2,}', '^(\\d+)*$', '(a+){2}', '([a-z]+)*x'],
      [AMBIGUOUS_REPETITION]: ['^(a|a)*$', '^(\\w|\\d)*!$', '(a|ab)*c', '(a?)+', '(a{1,3})+', '(?:x|y){2}', '((?=a|b)c)+', '^(?:a|b)+$'],
      [BACKREFERENCE]: ['(a*)\\1', '^(.+)-\\1$', '(?<n>a)\\k<n>'],
      [TOO_MANY_WAYS]: ['.*.*x', 'a*a*a*x', '^.*a.*a.*x', '^\\w*\\d*[a-z]+x', 'a?'.repeat(12) + 'x', '^' + '(a|a)'.repeat(20) + 'x', '^a{0,255}b{0,255}c*$', '.*a.*b.*'],
    };
    const accepted = [
      '^(db|cache)[0-9]+$', '(ab){2,3}', '\\(a+\\)+', '(?:ab)+', '(?<v>\\d)+', '(a{2})+', '(a[+])+', '(.*/)?postgres', '(?=a+)b', '(a+)?',
      '^corp\\/.*-store$', '^acme\\/(ledger|vault)-db$', 'ledger', 'a.*x', '^.*foo.*$', '^[a-z0-9./-]+/ledger(-db)?$', '\\1', '[(a+)+]', '^(a|b)?c{3}$', '.*foo.*', '^a{0,255}b{0,255}c*',
    ];
    for (const [reason, patterns] of Object.entries(refused)) expect(patterns.filter((p) => patternProblem(p) !== reason)).toEqual([]);
    expect(accepted.filter((p) => patternProblem(p) !== undefined)).toEqual([]);
  });

  it('matches config patterns on names Docker accepts, and never on longer ones', () => {
    const options = { images: ['/a.*x/', '/^corp\\/.*-store$/'] };
    const service = (image: string) => ({ name: 's', image: { kind: 'scalar', value: image } }) as unknown as Service;
    expect(detectDatastore(service('corp/ledger-store'), options)?.kind).toBe('corp/ledger-store');
    expect(detectDatastore(service('a'.repeat(MAX_MATCHED_LENGTH - 1) + 'x'), options)).toBeDefined();
    expect(detectDatastore(service('a'.repeat(MAX_MATCHED_LENGTH) + 'x'), options)).toBeUndefined();
  });

  it('detects datastores by a config pattern only in image names of at most 255 characters', () => {
    const compose = (repo: string) => `services:\n  store:\n    image: ${repo}:1\n    ports: ["7000:7000"]\n`;
    const datastores = { images: ['/^corp\\/.*-store$/'] };
    const ruleIds = (repo: string) => lintText(compose(repo), 'compose.yaml', { datastores }).findings.map((f) => f.ruleId);
    expect(ruleIds('corp/ledger-store')).toContain('no-public-datastore-port');
    expect(ruleIds(`corp/${'l'.repeat(MAX_MATCHED_LENGTH - 11)}-store`)).toContain('no-public-datastore-port');
    expect(ruleIds(`corp/${'l'.repeat(MAX_MATCHED_LENGTH)}-store`)).not.toContain('no-public-datastore-port');
  });

  it('reads a .json config as JSON: a trailing comma is an error with its position', () => {
    const text = '{\n  "rules": {\n    "no-links": "off",\n  }\n}\n';
    expect(problemsOf(() => parseConfig(text, '/x/.compose-lint.json'))).toEqual(['4:3 invalid JSON: Expected double-quoted property name']);
    // The same text is a valid YAML config.
    expect(parseConfig(text, '/x/.compose-lint.yaml').rules).toEqual({ 'no-links': 'off' });
    // A byte-order mark is fine; single quotes are YAML, not JSON.
    expect(parseConfig('\uFEFF{"preset": "strict"}\n', '/x/.compose-lint.json').preset).toBe('strict');
    expect(problemsOf(() => parseConfig("{\n  'preset': 'strict'\n}\n", '/x/.compose-lint.json'))).toEqual(["2:3 invalid JSON: Expected property name or '}'"]);
  });

  it('refuses datastore image patterns that do not compile or could take long to match, at their place', () => {
    const text = 'datastores:\n  images:\n    - acme/ledger-db\n    - /[unclosed/\n    - /^(a+)+$/\n    - /^acme\\/(ledger|vault)-db$/\n    - "/^(a|a)*$/"\n    - /^(\\w|\\d)*!$/\n    - /(a)\\1/\n    - /.*.*x/\n';
    expect(problemsOf(() => parseConfig(text, '/x/.compose-lint.yaml'))).toEqual([
      '4:7 datastores.images.1: invalid regular expression: /[unclosed/: Unterminated character class',
      '5:7 datastores.images.2: a repeated group that itself repeats (like (a+)+) can take exponential time: write it without nesting, e.g. (.*/)?name rather than ([^/]+/)*name',
      `7:7 datastores.images.4: ${AMBIGUOUS_REPETITION}`,
      `8:7 datastores.images.5: ${AMBIGUOUS_REPETITION}`,
      `9:7 datastores.images.6: ${BACKREFERENCE}`,
      `10:7 datastores.images.7: ${TOO_MANY_WAYS}`,
    ]);
    // Each pattern is tried on every image name: together they have the same budget as two.
    const many = `datastores:\n  images:\n${Array.from({ length: 4 }, (_, i) => `    - /^s${i}.*-db.*$/\n`).join('')}`;
    expect(problemsOf(() => parseConfig(many, '/x/.compose-lint.yaml'))).toEqual([
      '6:7 datastores.images.3: with the regular expressions before it, the patterns can try too many ways to match each image name: write plain substrings where they do, or anchor patterns with ^',
    ]);
    expect(parseConfig('datastores:\n  images: ["/^acme\\\\/(ledger|vault)-db$/", "/^(db|cache)[0-9]+$/"]\n', '/x/.compose-lint.yaml').datastores?.images).toHaveLength(2);
  });

  it('the validator precompiled at build time judges configs as ajv compiling the schema now does', () => {
    const texts = [
      'preset: strict\nfailOn: warning\nmaxWarnings: 3\nrules:\n  no-links: off\n  no-over-connected-service: {severity: error, options: {max: 4}}\n',
      'rules:\n  no-unbound-prot: error\n  no-host-network: fatal\n',
      'rules:\n  no-privileged:\n    options:\n      nope: 1\nignore: 3\nextra: true\n',
      'overrides:\n  - files: ["dev/**"]\n    rules: {no-links: maybe}\n  - rules: {}\n',
    ];
    // A copy of the registry is another rule set to the loader: it compiles the schema with ajv.
    const compiledNow = [...allRules];
    for (const text of texts) {
      const outcome = (rules?: typeof allRules) => {
        try {
          return JSON.stringify(parseConfig(text, '/x/.compose-lint.yaml', rules));
        } catch (error) {
          return problemsOf(() => {
            throw error;
          });
        }
      };
      expect(outcome(), text).toEqual(outcome(compiledNow));
    }
  });

  it('refuses globs that cannot compile, where they are written', () => {
    const text = 'ignore: ["vendor/", "[z-a]"]\noverrides:\n  - files: ["a{b", "x[9-0]"]\n    rules:\n      no-links: off\n';
    expect(problemsOf(() => parseConfig(text, '/x/.compose-lint.yaml'))).toEqual([
      '1:21 ignore.1: invalid glob "[z-a]": Range out of order in character class',
      '3:20 overrides.0.files.1: invalid glob "x[9-0]": Range out of order in character class',
    ]);
  });

  it('validates rule options against the rule\'s optionsSchema', () => {
    const withOptions = defineRule({
      meta: {
        id: 'sample-rule', title: 'Sample rule', description: 'x'.repeat(50), category: 'hardening', severity: 'warning', securitySeverity: 1,
        recommended: true, fixable: false, messages: { m: 'm' },
        optionsSchema: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1 } } },
      },
      check() {},
    });
    const rules = [...allRules, withOptions];
    expect(parseConfig('rules:\n  sample-rule: {options: {limit: 3}}\n', '/x/c.yaml', rules).rules).toEqual({ 'sample-rule': { options: { limit: 3 } } });
    expect(problemsOf(() => parseConfig('rules:\n  sample-rule:\n    options:\n      limit: 0\n      other: 1\n', '/x/c.yaml', rules))).toEqual([
      '4:14 rules.sample-rule.options.limit: must be >= 1',
      '5:7 unknown option "other" for rule "sample-rule"',
    ]);
    expect(problemsOf(() => parseConfig('rules:\n  no-unbound-port:\n    options: {x: 1}\n', '/x/c.yaml', rules))).toEqual(['3:14 rule "no-unbound-port" has no options']);
  });

  it('reports YAML errors, duplicate keys and unreadable files', () => {
    expect(problemsOf(() => parseConfig('preset: strict\npreset: recommended\n', '/x/c.yaml'))[0]).toMatch(/^2:1 .*[Dd]uplicate/);
    expect(problemsOf(() => parseConfig('rules: [a\n', '/x/c.yaml')).length).toBeGreaterThan(0);
    expect(problemsOf(() => loadConfig(join(fixtures, 'missing.yaml')))).toEqual(['1:1 cannot read config file: ENOENT']);
  });

  it('accepts an empty file, and checks overrides entries', () => {
    expect(parseConfig('', '/x/c.yaml')).toEqual({ path: '/x/c.yaml', dir: '/x' });
    expect(problemsOf(() => parseConfig('overrides:\n  - rules: {}\n  - files: [a]\n    rules: {nope: off}\n', '/x/c.yaml'))).toEqual([
      '2:5 overrides.0: must have required property \'files\'',
      '4:13 unknown rule "nope" (see --list-rules)',
    ]);
  });
});

describe('findConfigFile', () => {
  it('searches upwards and stops at the repository root', () => {
    const root = tempTree({ '.compose-lint.yaml': '', 'repo/.git/HEAD': '', 'repo/app/deep/compose.yaml': '', 'repo/sub/.compose-lint.json': '{}', 'repo/sub/x/compose.yaml': '' });
    expect(findConfigFile(join(root, 'repo', 'app', 'deep'))).toBeUndefined();
    expect(findConfigFile(join(root, 'repo', 'sub', 'x'))).toBe(join(root, 'repo', 'sub', '.compose-lint.json'));
    expect(findConfigFile(join(root, 'elsewhere'))).toBe(join(root, '.compose-lint.yaml'));
  });

  it('answers every directory it passed from a shared cache, with the same results', () => {
    const root = tempTree({ '.compose-lint.yaml': '', 'repo/.git/HEAD': '', 'repo/app/deep/compose.yaml': '', 'repo/sub/.compose-lint.json': '{}', 'repo/sub/x/y/compose.yaml': '' });
    const cache = new Map<string, string | null>();
    expect(findConfigFile(join(root, 'repo', 'app', 'deep'), cache)).toBeUndefined();
    expect(cache.get(join(root, 'repo', 'app'))).toBeNull();
    expect(cache.get(join(root, 'repo'))).toBeNull();
    expect(cache.has(root)).toBe(false);
    expect(findConfigFile(join(root, 'repo', 'sub', 'x', 'y'), cache)).toBe(join(root, 'repo', 'sub', '.compose-lint.json'));
    expect(cache.get(join(root, 'repo', 'sub', 'x'))).toBe(join(root, 'repo', 'sub', '.compose-lint.json'));
    // A cached answer is used as is: the file's later removal is not seen within one run.
    rmSync(join(root, 'repo', 'sub', '.compose-lint.json'));
    expect(findConfigFile(join(root, 'repo', 'sub', 'x'), cache)).toBe(join(root, 'repo', 'sub', '.compose-lint.json'));
    expect(findConfigFile(join(root, 'elsewhere'), cache)).toBe(join(root, '.compose-lint.yaml'));
  });

  it('refuses two config files in one directory', () => {
    const root = tempTree({ '.git': '', '.compose-lint.yaml': '', '.compose-lint.yml': '' });
    expect(problemsOf(() => findConfigFile(root))[0]).toContain('more than one config file');
  });
});

describe('effectiveConfig', () => {
  const config = loadConfig(join(fixtures, 'full.compose-lint.yaml'));

  it('applies rules, then matching overrides, then CLI flags', () => {
    const base = effectiveConfig(config, join(fixtures, 'compose.yaml'));
    expect(base.preset).toBe('strict');
    expect(base.rules.get('no-public-datastore-port')).toEqual({ severity: 'error' });
    expect(base.excludes.get('no-public-datastore-port')?.get('db')).toBe('only reachable through the VPN on this host');
    expect(base.failOn).toBe('warning');
    expect(base.maxWarnings).toBe(10);
    expect(base.requireReason).toBe(true);
    expect(base.ignored).toBe(false);
    expect(base.configFile).toBe(config.path);

    expect(effectiveConfig(config, join(fixtures, 'dev', 'a', 'compose.yaml')).rules.get('no-public-datastore-port')?.severity).toBe('off');
    expect(effectiveConfig(config, join(fixtures, 'x', 'compose.override.yaml')).rules.get('no-public-datastore-port')?.severity).toBe('off');

    const cli = effectiveConfig(config, join(fixtures, 'dev', 'compose.yaml'), { preset: 'recommended', rules: new Map([['no-public-datastore-port', { severity: 'note' as const }]]), failOn: 'error', maxWarnings: 0, requireReason: false });
    expect([cli.preset, cli.rules.get('no-public-datastore-port')?.severity, cli.failOn, cli.maxWarnings, cli.requireReason]).toEqual(['recommended', 'note', 'error', 0, false]);
  });

  it('marks ignored files', () => {
    expect(effectiveConfig(config, join(fixtures, 'vendor', 'a', 'compose.yaml')).ignored).toBe(true);
    expect(effectiveConfig(config, join(fixtures, 'examples', 'one.yaml')).ignored).toBe(true);
    expect(effectiveConfig(config, join(fixtures, 'examples', 'deeper', 'one.yaml')).ignored).toBe(false);
  });

  it('defaults without a config file', () => {
    const e = effectiveConfig(undefined, '/any/compose.yaml');
    expect(e).toEqual({ preset: 'recommended', rules: new Map(), excludes: new Map(), datastores: { images: [], ports: [] }, ignored: false, failOn: 'error', maxWarnings: -1, maxWarningsScope: 'project', requireReason: false });
  });

  it('merges options of repeated settings', () => {
    const c = { path: '/r/c.yaml', dir: '/r', rules: { a: { options: { x: 1, y: 1 } } }, overrides: [{ files: ['**'], rules: { a: { options: { y: 2 } } } }] };
    expect(effectiveConfig(c, '/r/compose.yaml').rules.get('a')).toEqual({ options: { x: 1, y: 2 } });
  });
});

describe('ConfigResolver and printConfig', () => {
  it('finds the config of each file, and -c wins over the search', () => {
    const root = tempTree({ '.git': '', '.compose-lint.yaml': 'preset: strict\n', 'a/compose.yaml': '', 'b/.compose-lint.yml': 'failOn: note\n', 'b/compose.yaml': '', 'other.yaml': 'maxWarnings: 3\n' });
    const resolver = new ConfigResolver();
    expect(resolver.forFile(join(root, 'a', 'compose.yaml')).preset).toBe('strict');
    expect(resolver.forFile(join(root, 'b', 'compose.yaml'))).toMatchObject({ preset: 'recommended', failOn: 'note' });
    const explicit = new ConfigResolver({ configPath: join(root, 'other.yaml'), cli: { maxWarnings: 5 } });
    expect(explicit.forFile(join(root, 'b', 'compose.yaml'))).toMatchObject({ preset: 'recommended', maxWarnings: 5, configFile: join(root, 'other.yaml') });
    expect(problemsOf(() => new ConfigResolver({ configPath: join(root, 'nope.yaml') }))).toEqual(['1:1 cannot read config file: ENOENT']);
  });


  it('shares one effective config between the files of a config without path rules, and resolves each file of one with them', () => {
    const root = tempTree({
      '.git': '',
      'a/.compose-lint.yaml': 'preset: strict\n',
      'b/.compose-lint.yaml': 'overrides:\n  - files: ["dev/**"]\n    rules:\n      no-host-network: "off"\nignore: ["vendor/**"]\n',
    });
    const resolver = new ConfigResolver({ cli: { maxWarnings: 2 } });
    const first = resolver.forFile(join(root, 'a', 'compose.yaml'));
    expect(resolver.forFile(join(root, 'a', 'x', 'compose.yaml'))).toBe(first);
    expect(first).toMatchObject({ preset: 'strict', maxWarnings: 2 });
    expect(resolver.forFile(join(root, 'compose.yaml'))).toBe(resolver.forFile(join(root, 'c', 'compose.yaml')));
    expect(resolver.forFile(join(root, 'b', 'dev', 'compose.yaml')).rules.get('no-host-network')).toEqual({ severity: 'off' });
    expect(resolver.forFile(join(root, 'b', 'compose.yaml')).rules.get('no-host-network')).toBeUndefined();
    expect(resolver.forFile(join(root, 'b', 'vendor', 'compose.yaml')).ignored).toBe(true);
    expect(resolver.forFile(join(root, 'b', 'compose.yaml')).ignored).toBe(false);
  });
  it('prints every rule resolved, with exclusions', () => {
    const config = loadConfig(join(fixtures, 'full.compose-lint.yaml'));
    const printed = JSON.parse(printConfig(effectiveConfig(config, join(fixtures, 'compose.yaml'))));
    expect(printed.preset).toBe('strict');
    expect(Object.keys(printed.rules)).toEqual(allRules.map((r) => r.meta.id).sort());
    expect(printed.rules['no-host-network']).toEqual({ severity: 'off' });
    expect(printed.rules['no-unbound-port']).toEqual({ severity: 'warning' });
    expect(printed.rules['no-public-datastore-port'].exclude).toEqual({ services: { db: 'only reachable through the VPN on this host' } });
    expect(printed.configFile).toBe(config.path);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['*.yaml', 'a/b/c.yaml', true],
    ['*.yaml', 'c.yml', false],
    ['dev/*.yaml', 'dev/a.yaml', true],
    ['dev/*.yaml', 'x/dev/a.yaml', false],
    ['dev/**/*.yaml', 'dev/a.yaml', true],
    ['dev/**/*.yaml', 'dev/x/y/a.yaml', true],
    ['**/test/**', 'a/test/b/c.yaml', true],
    ['vendor/', 'vendor/x/compose.yaml', true],
    ['compose.{dev,test}.yaml', 'compose.test.yaml', true],
    ['compose.[0-9].yaml', 'compose.7.yaml', true],
    ['a?c.yaml', 'abc.yaml', true],
    ['./a.yaml', 'a.yaml', true],
    ['a+b.yaml', 'a+b.yaml', true],
    // gitignore-style escapes, and a brace without its pair, are plain characters
    ['br\\[1\\]/', 'br[1]/compose.yaml', true],
    ['br\\[1\\]/', 'br1/compose.yaml', false],
    ['a{b', 'a{b', true],
    ['{a,b}{', 'b{', true],
    ['{a,[}]', '{a,}', true],
  ])('%s ~ %s = %s', (glob, path, expected) => {
    expect(globToRegExp(glob)?.test(path)).toBe(expected);
  });

  it('a glob that cannot compile matches nothing (the config loader refuses it with its location)', () => {
    expect(globToRegExp('[z-a]')).toBeNull();
    expect(globProblem('[z-a]')).toMatch(/range out of order/i);
    expect(globProblem('a{b')).toBeUndefined();
  });
});

describe('exitCodeFor', () => {
  const f = (severity: Finding['severity'], suppressed = false): Finding => ({
    ruleId: 'r', severity, message: 'm', file: 'c.yaml', line: 1, column: 1, endLine: 1, endColumn: 1,
    ...(suppressed ? { suppression: { kind: 'inSource' as const } } : {}),
  });
  const result = (...findings: Finding[]): LintResult => ({ results: [{ file: 'c.yaml', findings }] });

  it('fails at or above failOn and over maxWarnings, ignoring suppressed findings', () => {
    expect(exitCodeFor(result(f('error')), { failOn: 'error', maxWarnings: -1 })).toBe(1);
    expect(exitCodeFor(result(f('error', true), f('warning')), { failOn: 'error', maxWarnings: -1 })).toBe(0);
    expect(exitCodeFor(result(f('warning')), { failOn: 'warning', maxWarnings: -1 })).toBe(1);
    expect(exitCodeFor(result(f('note')), { failOn: 'warning', maxWarnings: -1 })).toBe(0);
    expect(exitCodeFor(result(f('note')), { failOn: 'note', maxWarnings: -1 })).toBe(1);
    expect(exitCodeFor(result(f('error')), { failOn: 'never', maxWarnings: -1 })).toBe(0);
    expect(exitCodeFor(result(f('warning'), f('warning')), { failOn: 'error', maxWarnings: 1 })).toBe(1);
    expect(exitCodeFor(result(f('warning'), f('warning', true)), { failOn: 'error', maxWarnings: 1 })).toBe(0);
    expect(exitCodeFor({ results: [{ file: 'x', findings: [], error: { file: 'x', message: 'gone' } }] }, { failOn: 'never', maxWarnings: -1 })).toBe(2);
  });

  it('counts maxWarnings over all the files of the result, and per project in verdict() without a run limit', () => {
    const two: LintResult = { results: [{ file: 'a.yaml', findings: [f('warning')] }, { file: 'b.yaml', findings: [f('warning')] }] };
    expect(exitCodeFor(two, { failOn: 'error', maxWarnings: 1 })).toBe(1);
    expect(exitCodeFor(two, { failOn: 'error', maxWarnings: 2 })).toBe(0);
    const projects = two.results.map((result) => ({ result, policy: { failOn: 'error' as const, maxWarnings: 1 } }));
    expect(verdict(projects)).toMatchObject({ code: 0, overLimit: [] });
    expect(verdict(projects, 1)).toMatchObject({ code: 1, overLimit: [{ warnings: 2, maximum: 1 }] });
    expect(verdict(projects, -1)).toMatchObject({ code: 0, overLimit: [] });
    // failOn never: no limit applies to the project, and its warnings are not counted for the run.
    const never = two.results.map((result, i) => ({ result, policy: { failOn: i === 0 ? ('never' as const) : ('error' as const), maxWarnings: 0 } }));
    expect(verdict(never)).toMatchObject({ code: 1, overLimit: [{ file: 'b.yaml', warnings: 1, maximum: 0 }] });
    expect(verdict(never, 1)).toMatchObject({ code: 0, overLimit: [] });
    expect(exitCodeFor(two, { failOn: 'never', maxWarnings: 0 })).toBe(0);
  });

  it('lets a warning limit replace the threshold for warnings, not for errors or notes', () => {
    expect(exitCodeFor(result(f('warning')), { failOn: 'warning', maxWarnings: 1 })).toBe(0);
    expect(exitCodeFor(result(f('warning'), f('warning')), { failOn: 'warning', maxWarnings: 1 })).toBe(1);
    expect(exitCodeFor(result(f('warning'), f('warning')), { failOn: 'note', maxWarnings: 5 })).toBe(0);
    expect(exitCodeFor(result(f('warning'), f('note')), { failOn: 'note', maxWarnings: 5 })).toBe(1);
    expect(exitCodeFor(result(f('error')), { failOn: 'warning', maxWarnings: 5 })).toBe(1);
    expect(exitCodeFor(result(f('warning')), { failOn: 'warning', maxWarnings: -1 })).toBe(1);
  });
});
