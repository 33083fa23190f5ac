/** Which services a service demonstrably uses: depends_on, links, network_mode: service:x, or a name in its texts or mounted config files. */
import { get, isMap, isScalar, isSeq, str } from '../model/node.js';
import type { Project, Service } from '../model/project.js';
import { configFileHosts, unreadConfig } from './config-files.js';
import { isClientRepository, isDatastoreClient, isStaticWebServer, namesKind } from './datastore.js';
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
    for (const ref of service.networks) {
      for (const alias of ref.aliases) add(str(alias), service);
      // A fixed address is a name too: `DB_HOST: 10.10.0.100` reaches the service that has it.
      for (const address of [ref.ipv4Address, ref.ipv6Address]) if (address && !address.unknown) add(str(address), service);
    }
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
   * Why it may use others without its files saying so, undefined when it cannot. `source`: its code is
   * built from source, the only doubt; rules may say they cannot tell, at a lower severity. `unknown`:
   * a datastore tool (admin UI, exporter), an environment not fully known (an unread env_file, a partial
   * service) or an unresolved host-like value: a sign it may be a client, so no rule blames it.
   * `config`: a config it mounts (where a proxy names its upstreams) is not in this checkout; like
   * `source`, rules may say they cannot tell.
   */
  doubt?: 'source' | 'config' | 'unknown';
  /** For `config`: the unread config, as messages name it (`mounted config proxy/nginx.conf`). */
  unreadConfig?: string;
}

/** A service's own use of the datastores among `names`. A rule may blame it for a datastore only when there is no doubt and the datastore is not in `used`. */
export function datastoreUse(service: Service, project: Project, graph: ServiceGraph, names: Map<string, Service[]>): DatastoreUse {
  if (isDatastoreClient(service) || !service.environmentComplete) return { used: new Set(), doubt: 'unknown' };
  const used = usedServices(service, project, graph, names);
  if (used === 'unknown') return { used: new Set(), doubt: 'unknown' };
  // A proxy names its upstreams in the config it mounts: one not in this checkout may name any datastore.
  const withConfigDoubt = (): DatastoreUse => {
    const unread = unreadConfig(service, project, graph.files);
    return unread === undefined ? { used } : { used, doubt: 'config' as const, unreadConfig: unread };
  };
  if (!service.build) return withConfigDoubt();
  const base = graph.buildBase(service);
  // Built FROM nginx, httpd or caddy: it serves files, like the image itself would.
  if (base !== undefined && isStaticWebServer(base)) return withConfigDoubt();
  // Built FROM pgadmin, an exporter...: a datastore tool, a client by design.
  if (base !== undefined && isClientRepository(base)) return { used: new Set(), doubt: 'unknown' };
  // Code that may use any datastore: the signs that it uses one count as use (no rule blames it for that one).
  for (const d of clientSigns(service, graph, names)) used.add(d);
  return { used, doubt: 'source' };
}

/**
 * Datastores among `names` that a service shows signs of being a client of without naming one as a
 * host: a secret it shares with the datastore (`db-password` mounted by both), or a variable named
 * for the datastore's kind (`POSTGRES_DB`, `PGUSER`, `MYSQL_DATABASE`, `REDIS_PASSWORD`), since code
 * often falls back to a default host. Enough to doubt, never to prove: used for code built from source.
 */
function clientSigns(service: Service, graph: ServiceGraph, names: Map<string, Service[]>): Service[] {
  const index = signIndex(graph, names);
  const out: Service[] = [];
  for (const [kind, datastores] of index.byKind) {
    if (service.environment.some((v) => namesKind(v.name, kind))) out.push(...datastores);
  }
  for (const secret of secretNames(service)) out.push(...(index.bySecret.get(secret) ?? []));
  return out;
}

interface SignIndex {
  byKind: Map<string, Service[]>;
  bySecret: Map<string, Service[]>;
}

// Built once per set of datastores, so each service costs its own variables and secrets, not the project's datastores.
const signIndexes = new WeakMap<Map<string, Service[]>, SignIndex>();

function signIndex(graph: ServiceGraph, names: Map<string, Service[]>): SignIndex {
  let index = signIndexes.get(names);
  if (index) return index;
  index = { byKind: new Map(), bySecret: new Map() };
  const add = (map: Map<string, Service[]>, key: string, d: Service) => {
    const list = map.get(key);
    if (list) list.push(d);
    else map.set(key, [d]);
  };
  // A datastore is listed under each of its names: index each once.
  for (const d of new Set([...names.values()].flat())) {
    const kind = graph.datastore(d)?.kind;
    if (kind !== undefined) add(index.byKind, kind, d);
    for (const secret of secretNames(d)) add(index.bySecret, secret, d);
  }
  signIndexes.set(names, index);
  return index;
}

/** The top-level secrets a service mounts (`secrets: [db-password]` or `{source: db-password}`). */
function secretNames(service: Service): Set<string> {
  const node = get(service.node, 'secrets');
  const out = new Set<string>();
  if (!isSeq(node)) return out;
  for (const item of node.items) {
    const name = isMap(item) ? str(get(item, 'source')) : isScalar(item) ? str(item) : undefined;
    if (name) out.add(name);
  }
  return out;
}

const DOUBT_RANK = { source: 1, config: 2, unknown: 3 } as const;

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
        if (mine.doubt && (!use.doubt || DOUBT_RANK[mine.doubt] > DOUBT_RANK[use.doubt])) {
          use.doubt = mine.doubt;
          if (mine.unreadConfig !== undefined) use.unreadConfig = mine.unreadConfig;
        }
      }
    }
    this.stacks.set(owner, use);
    return use;
  }
}
