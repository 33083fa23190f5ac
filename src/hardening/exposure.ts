/** Who reaches a port a service listens on, in words for messages: the host's interfaces, or the containers on its networks. */
import type { ServiceGraph } from '../graph/graph.js';
import type { Service } from '../model/project.js';
import { publishedOn } from '../model/ports.js';

/** `, published on all host interfaces ("8080:8080")`, `, on the host's network stack`, or `, open to every container on its networks`. */
export function exposureOf(graph: ServiceGraph, service: Service, port: number): string {
  if (graph.attachment(service).kind === 'host') return ", on the host's network stack";
  const published = service.ports.find((p) => p.scope !== 'loopback' && covers(p.target, port));
  if (published) return `, published on ${publishedOn(published)} ("${published.text}")`;
  return ', open to every container on its networks';
}

/** Whether a container port or range (`2375`, `2375-2376`) includes `port`. */
export function covers(target: string | undefined, port: number): boolean {
  const m = /^(\d+)(?:-(\d+))?$/.exec(target ?? '');
  if (!m) return false;
  return Number(m[1]) <= port && port <= Number(m[2] ?? m[1]);
}
