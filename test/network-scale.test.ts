/** The network rules stay linear in services: 8000 services on shared networks lint in well under the budget. */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { networkRules } from '../rules/network.js';
import { noOverConnectedService } from '../rules/no-over-connected-service/index.js';
import { ServiceGraph } from '../src/graph/graph.js';
import { lintText } from '../src/lint.js';
import { buildProject } from '../src/model/build.js';
import type { LMap, LNode } from '../src/model/node.js';
import type { Finding } from '../src/types.js';
import { findingFor } from '../src/engine/engine.js';

const loc = { file: 'big.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Plain data -> located tree, skipping the YAML parser (measured elsewhere): this test is about the rules. */
function located(value: unknown): LNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map(located), loc };
  if (value !== null && typeof value === 'object') {
    return { kind: 'map', entries: Object.entries(value).map(([k, v]) => ({ key: { kind: 'scalar', value: k, loc }, value: located(v) })), loc };
  }
  return { kind: 'scalar', value: value as string, loc };
}

function bigProject(stacks: number): LMap {
  const services: Record<string, unknown> = {};
  const networks: Record<string, unknown> = { shared: null };
  for (let i = 0; i < stacks; i++) {
    // A flat shared network plus per-stack backends: the worst case for pairwise checks.
    services[`web${i}`] = { image: 'nginx:1.27', networks: ['shared', `back${i}`], environment: { API: `http://api${i}:8080` } };
    services[`api${i}`] = { image: 'example/api:1.0', networks: ['shared', `back${i}`], environment: { DATABASE_URL: `postgres://db${i}:5432/x`, OTHER: `redis://cache${(i + 1) % stacks}` } };
    services[`db${i}`] = { image: 'postgres:16', networks: [`back${i}`] };
    services[`cache${i}`] = { image: 'redis:7', networks: ['shared'] };
    networks[`back${i}`] = { internal: true };
  }
  return located({ services, networks }) as LMap;
}

describe('network rules at scale', () => {
  // Speed is `npm run bench`'s; here, what the rules report at this scale (one finding per service, not per pair).
  it('checks 8000 services with one finding per service and network, not per pair', () => {
    const project = buildProject(bigProject(2000), { file: 'big.yaml', dir: '/tmp' });
    const graph = new ServiceGraph(project);
    const findings: Finding[] = [];
    for (const rule of networkRules) {
      rule.check({ project, graph, options: rule.meta.defaultOptions ?? {}, report: (r) => findings.push(findingFor(rule.meta, undefined, r)!) });
    }
    // web_i shares "shared" with 2000 caches and back_i with db_i, none used: one finding per service and network, not per pair
    const unrelated = findings.filter((f) => f.ruleId === 'no-unrelated-datastore-access');
    expect(unrelated).toHaveLength(6000);
    expect(unrelated.find((f) => f.network === 'shared')!.message).toMatch(/and 1997 more datastores/);
    expect(findings.filter((f) => f.ruleId === 'no-unreachable-service-reference')).toEqual([]);
  }, 60_000);
});

describe('no-over-connected-service options', () => {
  const validate = new Ajv().compile(noOverConnectedService.meta.optionsSchema!);

  it('accepts a positive integer max and rejects anything else', () => {
    expect(validate({ max: 3 })).toBe(true);
    expect(validate({})).toBe(true);
    for (const bad of [{ max: 0 }, { max: 2.5 }, { max: '3' }, { limit: 3 }]) expect(validate(bad), JSON.stringify(bad)).toBe(false);
  });

  it('honours the configured max', () => {
    const text = 'services:\n  app:\n    image: x\n    networks: [a, b, c]\nnetworks:\n  a:\n  b:\n  c:\n';
    const ids = (max?: number) => lintText(text, 'c.yaml', { rules: new Map([['no-over-connected-service', max ? { options: { max } } : {}]]) })
      .findings.filter((f) => f.ruleId === 'no-over-connected-service').length;
    expect(ids()).toBe(1);
    expect(ids(3)).toBe(0);
  });
});
