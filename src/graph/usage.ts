/** Which services a service demonstrably uses: depends_on, links, network_mode: service:x, or a name in its texts or mounted config files. */
import { get, isScalar, str } from '../model/node.js';
import type { Project, Service } from '../model/project.js';
import { configFileHosts } from './config-files.js';
import { isDatastoreClient } from './datastore.js';
import type { ServiceGraph } from './graph.js';
import { hasUnresolvedVariable, isHostLookupName } from './references.js';

/**
 * Lower-cased names under which each of `services` can be addressed: service name, container_name,
 * hostname and network aliases. Generous on purpose: it is used to prove use, never to prove a failure.
 */
export function addressNames(services: Iterable<Service>): Map<string, Service[]> {
  const out = new Map<string, Service[]>();
  const add = (name: string | undefined, service: Service) => {
    if (!name) return;
    const key = name.toLowerCase();
    const list = out.get(key);
    if (!list) out.set(key, [service]);
    else if (!list.includes(service)) list.push(service);
  };
  for (const service of services) {
    add(service.name, service);
    for (const key of ['container_name', 'hostname']) {
      const node = get(service.node, key);
      if (isScalar(node) && !node.unknown) add(str(node), service);
    }
    for (const ref of service.networks) for (const alias of ref.aliases) add(str(alias), service);
  }
  return out;
}

/**
 * The services among `names` that `service` uses, or 'unknown' when an unresolved host-like value
 * (`DB_HOST: ${DB_HOST}`, a command built from variables) could name any of them.
 */
export function usedServices(service: Service, project: Project, graph: ServiceGraph, names: Map<string, Service[]>): Set<Service> | 'unknown' {
  const used = new Set<Service>();
  const byName = (name: string) => {
    const target = project.serviceByName.get(name);
    if (target) used.add(target);
  };
  for (const dep of service.dependsOn) byName(dep.name);
  for (const link of service.links) byName(link.name);
  if (service.networkMode?.kind === 'service' && service.networkMode.target) byName(service.networkMode.target);
  for (const { ref, mentions } of graph.mentionedTexts(service)) {
    const unresolved = ref.unknown || hasUnresolvedVariable(ref.text);
    if (unresolved && (isHostLookupName(ref.name ?? '') || ref.source !== 'environment')) return 'unknown';
    for (const m of mentions) for (const d of names.get(m.host) ?? []) used.add(d);
  }
  // A proxy names its upstreams in its config file (haproxy.cfg, nginx.conf), not in its environment.
  for (const host of configFileHosts(service, project, graph.files)) for (const d of names.get(host) ?? []) used.add(d);
  return used;
}

/**
 * The datastores among `names` (see addressNames) that `service` demonstrably uses (usedServices: a
 * mounted config file naming one counts, as for a TCP proxy forwarding to it), or 'maybe' when it
 * may use any of them without the file saying so: code built from source, a datastore tool (admin UI,
 * exporter), an environment not fully known (an unread env_file, a partial service), or an unresolved
 * host-like value. A rule may blame a service for a datastore only when the answer is a Set without it.
 */
export function datastoreUse(service: Service, project: Project, graph: ServiceGraph, names: Map<string, Service[]>): Set<Service> | 'maybe' {
  if (service.build || isDatastoreClient(service) || !service.environmentComplete) return 'maybe';
  const used = usedServices(service, project, graph, names);
  return used === 'unknown' ? 'maybe' : used;
}
