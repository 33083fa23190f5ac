/** The config file format: its schema, and what loadConfig and parseConfig accept or refuse, with positions. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { allRules } from '../rules/index.js';
import { defineRule } from '../src/engine/rule.js';
import { configSchema, loadConfig, parseConfig, configSchemaPath } from '../src/config/index.js';
import { AMBIGUOUS_REPETITION, BACKREFERENCE, NESTED_QUANTIFIER, patternProblem, TOO_MANY_WAYS } from '../src/config/pattern.js';
import { detectDatastore, MAX_MATCHED_LENGTH } from '../src/graph/datastore.js';
import type { Service } from '../src/model/project.js';
import { lintText } from '../src/lint.js';
import { problemsOf } from './config-problems.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'config');

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
