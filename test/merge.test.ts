/** Merge cases from compose-go's tests (fixtures/loader/compose-go, Apache-2.0, see NOTICE there). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/loader/project-loader.js';
import { get, isMap, isSeq, toPlain, type LMap, type LNode } from '../src/model/node.js';

const cg = join(import.meta.dirname, '..', 'fixtures', 'loader', 'compose-go');
const load = (files: string[], env: Record<string, string> = {}) => loadProject(files.map((f) => join(cg, f)), { cwd: cg, environment: env });
const at = (node: LNode | undefined, ...path: string[]): LNode | undefined => path.reduce<LNode | undefined>((n, k) => get(n, k), node);
const where = (node: LNode | undefined) => node && `${node.loc.file}:${node.loc.line}`;

describe('compose-go merge cases', () => {
  it('Test_LoadWithReset: `build: !reset` and `FOO: !reset` remove the base values', () => {
    const p = load(['reset/base.yaml', 'reset/override.yaml']);
    expect(p.problems).toEqual([]);
    expect(toPlain(at(p.root!, 'services', 'foo'))).toEqual({ image: 'foo', environment: {} });
    expect(where(at(p.root!, 'services', 'foo', 'image'))).toBe('reset/override.yaml:4');
  });

  it('TestLoadMulmtiDocumentYaml: documents of one file merge in order', () => {
    const p = load(['multi-doc.yaml']);
    const image = at(p.root!, 'services', 'test', 'image');
    expect(toPlain(image)).toBe('nginx:override');
    expect(where(image)).toBe('multi-doc.yaml:9');
    expect(p.name).toBe('load-multi-docs');
  });

  it('TestResetRemove: `networks.test: !reset {}` removes the network', () => {
    const p = load(['reset-remove/1.yaml', 'reset-remove/2.yaml']);
    expect(toPlain(p.root!)).toEqual({ name: 'test-reset', networks: {} });
  });

  it('TestDirectAliasWithReset: an alias to `!reset []` resets ports in both services', () => {
    const p = load(['direct-alias-reset/1.yaml', 'direct-alias-reset/2.yaml']);
    expect(at(p.root!, 'services', 'svc1', 'ports')).toBeUndefined();
    expect(at(p.root!, 'services', 'svc2', 'ports')).toBeUndefined();
    expect(toPlain(at(p.root!, 'services', 'svc2', 'image'))).toBe('nginx');
  });

  it('TestOverrideMiddle: extends chain across files with !override on volumes and networks', () => {
    const p = load(['override-middle/compose.yaml']);
    expect(p.problems).toEqual([]);
    const test = at(p.root!, 'services', 'test') as LMap;
    expect(toPlain(get(test, 'volumes'))).toEqual(['/bar:/bar', '/zot:/zot']);
    expect(toPlain(get(test, 'networks'))).toEqual(['zot']);
    const volumes = get(test, 'volumes');
    expect(isSeq(volumes) && volumes.items.map(where)).toEqual(['override-middle/override.yaml:8', 'override-middle/compose.yaml:10']);
  });

  it('TestOverrideSelfExtends: extends within one file, depends_on !override', () => {
    const p = load(['self-extends/compose.yaml']);
    expect(p.problems).toEqual([]);
    const services = at(p.root!, 'services') as LMap;
    for (const { value } of services.entries) expect(get(value, 'extends')).toBeUndefined();
  });

  it('compose-test-extends: a service from another file, its relative paths against that file', () => {
    const p = load(['extends/compose-test-extends.yaml'], { SOURCE: 'from-env' });
    const importer = at(p.root!, 'services', 'importer') as LMap;
    expect(toPlain(importer)).toEqual({ image: 'nginx', container_name: 'from-env', env_file: ['./extra.env'], volumes: ['/opt/data:/var/lib/mysql'] });
    expect(where(get(importer, 'image'))).toBe('extends/subdir/compose-test-extends-imported.yaml:3');
    const envFile = get(importer, 'env_file');
    expect(isSeq(envFile) && envFile.items[0]!.baseDir).toBe(join(cg, 'extends', 'subdir'));
    expect([...p.envFiles.keys()]).toEqual([join(cg, 'extends', 'subdir', 'extra.env')]);
  });

  it('include (short syntax): resources are imported with their own project directory', () => {
    const p = load(['include/compose.yaml']);
    expect(p.problems).toEqual([]);
    const included = at(p.root!, 'services', 'included');
    expect(toPlain(at(included, 'volumes'))).toEqual(['./:/mnt']);
    expect(where(included)).toBe('include/included.yaml:3');
  });

  it('TestLoadWithIncludeCycle: a file including itself is a located finding', () => {
    const p = load(['include-cycle/compose-include-cycle.yaml']);
    const cycle = p.problems.filter((x) => x.message.startsWith('include cycle'));
    expect(cycle).toHaveLength(1);
    expect(cycle[0]!.loc).toMatchObject({ file: 'include-cycle/compose-include-cycle.yaml', line: 2 });
  });

  it('TestLoadWithMultipleIncludeConflict: the local service overrides the included one, !override replaces environment', () => {
    const p = load(['multi-include/compose.yaml']);
    expect(p.problems).toEqual([]);
    expect(toPlain(at(p.root!, 'services', 'bar'))).toEqual({ image: 'busybox', environment: ['ZOT=QIX'] });
    expect(where(at(p.root!, 'services', 'bar', 'image'))).toBe('multi-include/compose.yaml:13');
    // Included twice (directly and through compose-include.yaml), identically: no conflict.
    expect(toPlain(at(p.root!, 'services', 'imported', 'container_name'))).toBe('extends');
  });
});

/** Two files of one project, `b.yaml` merged over `a.yaml`. */
function mergedPair(a: string, b: string) {
  return loadProject(['/p/a.yaml', '/p/b.yaml'], { cwd: '/p', texts: new Map([['/p/a.yaml', a], ['/p/b.yaml', b]]) });
}

describe('merge rules', () => {
  const project = (files: string[]) => loadProject(files, { cwd: '/p', texts: new Map(files.map((f, i) => [f, TEXTS[i]!])) });
  const TEXTS = [
    `services:
  web:
    image: nginx:1.26
    command: [a, b]
    ports: ["8080:80", "127.0.0.1:9090:90"]
    expose: ["80"]
    dns: [1.1.1.1]
    volumes: ["data:/data", "./logs:/logs"]
    environment: [A=1, B=2]
    labels: {x: "1"}
    networks: [front]
    build: .
    x-custom: {a: 1}
`,
    `services:
  web:
    image: nginx:1.27
    command: [c]
    ports: ["8080:80", "8443:443"]
    expose: ["80", "81"]
    dns: [8.8.8.8]
    volumes: ["other:/data"]
    environment: {B: "3", C: "4"}
    labels: [y=2]
    networks: {back: {aliases: [api]}}
    build: {dockerfile: Dockerfile.prod}
    x-custom: {b: 2}
`,
  ];

  it('merges mappings, appends sequences, replaces commands and merges unique resources by key', () => {
    const p = project(['/p/compose.yaml', '/p/override.yaml']);
    expect(p.problems).toEqual([]);
    expect(toPlain(at(p.root!, 'services', 'web'))).toEqual({
      image: 'nginx:1.27',
      command: ['c'],
      ports: ['8080:80', '127.0.0.1:9090:90', '8443:443'],
      expose: ['80', '81'],
      dns: ['1.1.1.1', '8.8.8.8'],
      volumes: ['other:/data', './logs:/logs'],
      environment: { A: '1', B: '3', C: '4' },
      labels: { x: '1', y: '2' },
      networks: { front: null, back: { aliases: ['api'] } },
      build: { context: '.', dockerfile: 'Dockerfile.prod' },
      'x-custom': { b: 2 },
    });
    const ports = at(p.root!, 'services', 'web', 'ports');
    // The override's "8080:80" takes the place of the base's: same unique key.
    expect(isSeq(ports) && ports.items.map((i) => i.loc.file)).toEqual(['override.yaml', 'compose.yaml', 'override.yaml']);
  });

  it('merges network and depends_on name lists by name, never repeating one', () => {
    const p = mergedPair('services:\n  web:\n    image: nginx\n    networks: [front]\n    depends_on: [db]\n  db:\n    image: postgres:16\n', 'services:\n  web:\n    networks: [front, back]\n    depends_on: [db, cache]\n  cache:\n    image: redis:7\n');
    expect(toPlain(at(p.root!, 'services', 'web', 'networks')!)).toEqual(['front', 'back']);
    expect(toPlain(at(p.root!, 'services', 'web', 'depends_on')!)).toEqual(['db', 'cache']);
  });

  it('gives a network named in a list the settings a later mapping adds, without a merge error', () => {
    const p = mergedPair('services:\n  web:\n    image: nginx\n    networks: [front]\n', 'services:\n  web:\n    networks:\n      front: {aliases: [www]}\n');
    expect(p.problems.filter((x) => x.kind === 'load')).toEqual([]);
    expect(toPlain(at(p.root!, 'services', 'web', 'networks')!)).toEqual({ front: { aliases: ['www'] } });
  });

  it('reports an incompatible merge where the override is written, and keeps loading', () => {
    const p = mergedPair('services:\n  web:\n    image: nginx\n    ulimits: {nofile: {soft: 1, hard: 2}}\n    healthcheck: {test: [CMD, true]}\n', 'services:\n  web:\n    healthcheck: [CMD]\n');
    const load = p.problems.filter((x) => x.kind === 'load');
    expect(load).toHaveLength(1);
    expect(load[0]).toMatchObject({ loc: { file: 'b.yaml', line: 3 } });
    expect(load[0]!.message).toContain('cannot merge a sequence into a mapping at services.web.healthcheck');
    expect(isMap(at(p.root!, 'services', 'web'))).toBe(true);
  });
});
