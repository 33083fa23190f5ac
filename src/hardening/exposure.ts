/** Who reaches a port a service listens on, in words for messages: the host's interfaces, or the containers on its networks. */
import { publishes, type ServiceGraph } from '../graph/graph.js';
import type { PortBinding, Service } from '../model/project.js';
import { publishedOn } from '../model/ports.js';

/**
 * `, published on all host interfaces ("8080:8080")`, `, on the host's network stack`, or `, open to
 * every container on its networks`. A service on another's network stack (`network_mode: service:x`)
 * is reached through the ports that service publishes; Docker publishes no port of a service only on
 * internal networks.
 */
export function exposureOf(graph: ServiceGraph, service: Service, port: number): string {
  const outside = fromOutside(graph, service, port);
  if (outside === 'host') return ", on the host's network stack";
  if (outside && outside.owner !== service) return `, published through "${outside.owner.name}" (whose network stack it shares) on ${publishedOn(outside.published)} ("${outside.published.text}")`;
  if (outside) return `, published on ${publishedOn(outside.published)} ("${outside.published.text}")`;
  if (graph.attachment(service).kind === 'none') return '';
  const owner = graph.stackOwner(service);
  return owner === service ? ', open to every container on its networks' : `, open to every container on the networks of "${owner.name}" (whose network stack it shares)`;
}

/**
 * How a port of the service is reached from outside the host: through the host's network stack, or
 * a port published beyond loopback by the service or by the one whose network stack it shares.
 */
export function fromOutside(graph: ServiceGraph, service: Service, port: number): 'host' | { owner: Service; published: PortBinding } | undefined {
  if (graph.attachment(service).kind === 'host') return 'host';
  const owner = graph.stackOwner(service);
  const published = publishes(graph, owner) ? owner.ports.find((p) => p.scope !== 'loopback' && covers(p.target, port)) : undefined;
  return published && { owner, published };
}

/** Whether a container port or range (`2375`, `2375-2376`) includes `port`. */
export function covers(target: string | undefined, port: number): boolean {
  const m = /^(\d+)(?:-(\d+))?$/.exec(target ?? '');
  if (!m) return false;
  return Number(m[1]) <= port && port <= Number(m[2] ?? m[1]);
}
