/** Which config applies to a file: the upward search, overrides and ignore globs, CLI flags, and --print-config. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { ConfigResolver, effectiveConfig, findConfigFile, globToRegExp, globProblem, loadConfig, printConfig } from '../src/config/index.js';
import { problemsOf } from './config-problems.js';
import { tempTree } from './tmp.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'config');

describe('findConfigFile', () => {
  it('searches upwards and stops at the repository root', () => {
    const root = tempTree('compose-lint-config-', { '.compose-lint.yaml': '', 'repo/.git/HEAD': '', 'repo/app/deep/compose.yaml': '', 'repo/sub/.compose-lint.json': '{}', 'repo/sub/x/compose.yaml': '' });
    expect(findConfigFile(join(root, 'repo', 'app', 'deep'))).toBeUndefined();
    expect(findConfigFile(join(root, 'repo', 'sub', 'x'))).toBe(join(root, 'repo', 'sub', '.compose-lint.json'));
    expect(findConfigFile(join(root, 'elsewhere'))).toBe(join(root, '.compose-lint.yaml'));
  });

  it('answers every directory it passed from a shared cache, with the same results', () => {
    const root = tempTree('compose-lint-config-', { '.compose-lint.yaml': '', 'repo/.git/HEAD': '', 'repo/app/deep/compose.yaml': '', 'repo/sub/.compose-lint.json': '{}', 'repo/sub/x/y/compose.yaml': '' });
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
    const root = tempTree('compose-lint-config-', { '.git': '', '.compose-lint.yaml': '', '.compose-lint.yml': '' });
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
    const root = tempTree('compose-lint-config-', { '.git': '', '.compose-lint.yaml': 'preset: strict\n', 'a/compose.yaml': '', 'b/.compose-lint.yml': 'failOn: note\n', 'b/compose.yaml': '', 'other.yaml': 'maxWarnings: 3\n' });
    const resolver = new ConfigResolver();
    expect(resolver.forFile(join(root, 'a', 'compose.yaml')).preset).toBe('strict');
    expect(resolver.forFile(join(root, 'b', 'compose.yaml'))).toMatchObject({ preset: 'recommended', failOn: 'note' });
    const explicit = new ConfigResolver({ configPath: join(root, 'other.yaml'), cli: { maxWarnings: 5 } });
    expect(explicit.forFile(join(root, 'b', 'compose.yaml'))).toMatchObject({ preset: 'recommended', maxWarnings: 5, configFile: join(root, 'other.yaml') });
    expect(problemsOf(() => new ConfigResolver({ configPath: join(root, 'nope.yaml') }))).toEqual(['1:1 cannot read config file: ENOENT']);
  });


  it('shares one effective config between the files of a config without path rules, and resolves each file of one with them', () => {
    const root = tempTree('compose-lint-config-', {
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
