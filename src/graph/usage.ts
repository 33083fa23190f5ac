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

/** What a service's configuration says about its use of the datastores among `names` (see addressNames). */
export interface DatastoreUse {
  /** The datastores it demonstrably uses (usedServices: a mounted config file naming one counts, as for a TCP proxy forwarding to it). */
  used: Set<Service>;
  /**
   * Why it may use others without its files saying so, undefined when it cannot: `source`, its code is
   * built from source; `unknown`, a datastore tool (admin UI, exporter), an environment not fully known
   * (an unread env_file, a partial service) or an unresolved host-like value.
   */
  doubt?: 'source' | 'unknown';
}

/** A service's own use of the datastores among `names`. A rule may blame it for a datastore only when there is no doubt and the datastore is not in `used`. */
export function datastoreUse(service: Service, project: Project, graph: ServiceGraph, names: Map<string, Service[]>): DatastoreUse {
  if (isDatastoreClient(service) || !service.environmentComplete) return { used: new Set(), doubt: 'unknown' };
  const used = usedServices(service, project, graph, names);
  if (used === 'unknown') return { used: new Set(), doubt: 'unknown' };
  return service.build ? { used, doubt: 'source' } : { used };
}

const DOUBT_RANK = { source: 1, unknown: 2 } as const;

/**
 * Datastore use per service and per network stack, each computed once. A service whose network stack
 * others share (`network_mode: service:vpn`) carries their traffic: its connections are theirs, so the
 * stack uses what any service on it uses, and a datastore on the stack is used by all of them.
 */
export class DatastoreUsage {
  private readonly own = new Map<Service, DatastoreUse>();
  private readonly stacks = new Map<Service, DatastoreUse>();

  constructor(private readonly project: Project, private readonly graph: ServiceGraph, private readonly names: Map<string, Service[]>) {}

  /** The service's own use (datastoreUse). */
  of(service: Service): DatastoreUse {
    let use = this.own.get(service);
    if (!use) this.own.set(service, (use = datastoreUse(service, this.project, this.graph, this.names)));
    return use;
  }

  /** The use of the network stack the service is on: the union of its services' uses, with the strongest doubt. */
  ofStack(service: Service): DatastoreUse {
    const owner = this.graph.stackOwner(service);
    let use = this.stacks.get(owner);
    if (use) return use;
    const members = [owner, ...this.graph.stackMates(owner)];
    if (members.length === 1) use = this.of(owner);
    else {
      use = { used: new Set() };
      for (const member of members) {
        if (this.graph.datastore(member)) {
          use.used.add(member);
          continue;
        }
        const mine = this.of(member);
        for (const d of mine.used) use.used.add(d);
        if (mine.doubt && (!use.doubt || DOUBT_RANK[mine.doubt] > DOUBT_RANK[use.doubt])) use.doubt = mine.doubt;
      }
    }
    this.stacks.set(owner, use);
    return use;
  }
}
