/**
 * Compose file format v1 (docker-compose 1.x, `fig.yml`): services at the top level, no `services:`.
 * Compose v2 refuses such a file (compose-schema says so, once per service), but the containers it
 * describes still run on hosts with the old tool: they are checked as the services they are.
 */
import { looksLikeServiceBody } from '../schema/explain.js';
import type { LMap } from '../model/node.js';

export function legacyServices(root: LMap): LMap {
  if (root.entries.some((e) => e.key.value === 'services')) return root;
  const services = root.entries.filter((e) => looksLikeServiceBody(e.value));
  if (services.length === 0) return root;
  const rest = root.entries.filter((e) => !services.includes(e));
  const first = services[0]!.key;
  return { ...root, entries: [...rest, { key: { kind: 'scalar', value: 'services', loc: first.loc }, value: { kind: 'map', entries: services, loc: root.loc } }] };
}
