/**
 * The service/network graph the network rules reason about. Built once per
 * project with indexes, so every query is linear in the answer, never in all
 * pairs of services.
 */
import { get, isScalar, isUnknownScalar, str } from '../model/node.js';
import type { PortBinding, Project, Service } from '../model/project.js';
import { detectDatastore, listeningPorts, listensOn, type DatastoreKind, type DatastoreOptions } from './datastore.js';
import { DEFAULT_BRIDGE, DEFAULT_NETWORK, engineNameOf, type Attachment, type EngineNetwork, type NetworkNode } from './networks.js';
import { knownText, mentions, textReferences, type HostMention, type TextReference } from './references.js';
import { SideFiles } from './side-files.js';
import { buildBaseRepository } from './build-base.js';

/** A service a host name resolves to, and on which network (undefined: on every network of the service). */
export interface HostTarget {
  service: Service;
  network?: NetworkNode;
}

export interface MentionedText {
  ref: TextReference;
  mentions: HostMention[];
}

export class ServiceGraph {
  readonly networks = new Map<string, NetworkNode>();
  /** Docker networks by engine name; keys whose engine name is unknown get one of their own. */
  private readonly engines = new Map<string, EngineNetwork>();
  private readonly attachments = new Map<Service, Attachment>();
  private readonly serviceEngines = new Map<Service, EngineNetwork[]>();
  private readonly datastores = new Map<Service, DatastoreKind | undefined>();
  private readonly stackRoots = new Map<Service, Service>();
  /** The services on each network stack, by the service that owns it. */
  private readonly stacks = new Map<Service, Service[]>();
  private readonly hosts = new Map<string, HostTarget[]>();
  private readonly texts = new Map<Service, MentionedText[]>();
  private readonly bases = new Map<Service, string | undefined>();

  /** `files` reads the Dockerfiles and mounted config files rules look into; share one across a run's projects. */
  constructor(readonly project: Project, datastoreOptions: DatastoreOptions = {}, readonly files: SideFiles = new SideFiles()) {
    for (const [name, declared] of project.networks) {
      const engineName = engineNameOf(name, project.name, declared);
      const defaultBridge = engineName === DEFAULT_BRIDGE;
      const node: NetworkNode = { name, engine: this.engine(engineName), declared, implicit: false, internal: declared.internal, external: declared.external, defaultBridge, members: [] };
      node.engine.keys.push(node);
      this.networks.set(name, node);
    }
    for (const service of project.services) {
      this.datastores.set(service, detectDatastore(service, datastoreOptions, () => this.buildBase(service)));
      const own = this.directAttachment(service);
      this.attachments.set(service, own);
    }
    // network_mode: service:x shares x's network stack, resolved after every direct attachment is known.
    for (const service of project.services) {
      const root = this.stackRoot(service);
      this.stackRoots.set(service, root);
      const members = this.stacks.get(root);
      if (members) members.push(service);
      else this.stacks.set(root, [service]);
      if (service.networkMode?.kind === 'service') this.attachments.set(service, this.resolveShared(service));
    }
    for (const service of project.services) {
      const attachment = this.attachments.get(service)!;
      const engines: EngineNetwork[] = [];
      if (attachment.kind === 'networks') {
        for (const network of attachment.networks) {
          network.members.push(service);
          if (!engines.includes(network.engine)) engines.push(network.engine);
        }
      } else if (attachment.kind === 'bridge') engines.push(this.engine(DEFAULT_BRIDGE));
      // A service's networks are few: the includes() above is not a scan of the project.
      for (const engine of engines) engine.members.push(service);
      this.serviceEngines.set(service, engines);
    }
    this.indexHosts();
  }

  private engine(name: string | undefined): EngineNetwork {
    const known = name === undefined ? undefined : this.engines.get(name);
    if (known) return known;
    const engine: EngineNetwork = { keys: [], members: [], defaultBridge: name === DEFAULT_BRIDGE };
    if (name !== undefined) this.engines.set((engine.name = name), engine);
    return engine;
  }

  /** Names other containers can look up: service names and container names on every network, aliases on theirs. */
  private indexHosts(): void {
    const add = (name: string, target: HostTarget) => {
      const key = name.toLowerCase();
      const list = this.hosts.get(key);
      if (list) list.push(target);
      else this.hosts.set(key, [target]);
    };
    for (const service of this.project.services) {
      add(service.name, { service });
      const containerName = get(service.node, 'container_name');
      if (isScalar(containerName) && !isUnknownScalar(containerName)) {
        const name = str(containerName);
        if (name && name.toLowerCase() !== service.name.toLowerCase()) add(name, { service });
      }
      // Beside network_mode (a compose-load error) `networks:` attaches nothing, aliases included.
      for (const ref of service.networkMode ? [] : service.networks) {
        const network = this.networks.get(ref.name);
        for (const alias of ref.aliases) {
          const name = str(alias);
          if (name && network && !isUnknownScalar(alias)) add(name, { service, network });
        }
      }
    }
  }

  /** Services a host name resolves to (service name, container name, network alias); empty when none. */
  resolveHost(name: string): HostTarget[] {
    return this.hosts.get(name.toLowerCase()) ?? [];
  }

  /** Texts of a service that can name hosts (environment, command, entrypoint, healthcheck), tokenised once. */
  mentionedTexts(service: Service): MentionedText[] {
    let cached = this.texts.get(service);
    if (!cached) {
      cached = textReferences(service).map((ref) => {
        const text = knownText(ref);
        return { ref, mentions: text === undefined ? [] : mentions(text, ref.name, ref.afterHostFlag) };
      });
      this.texts.set(service, cached);
    }
    return cached;
  }

  private network(name: string): NetworkNode {
    let node = this.networks.get(name);
    if (!node) {
      const implicit = name === DEFAULT_NETWORK;
      // Undeclared keys other than `default` do not exist: never the same network as anything else.
      const engine = this.engine(implicit ? engineNameOf(name, this.project.name) : undefined);
      node = { name, engine, implicit, internal: false, external: false, defaultBridge: false, members: [] };
      engine.keys.push(node);
      this.networks.set(name, node);
    }
    return node;
  }

  private directAttachment(service: Service): Attachment {
    const mode = service.networkMode;
    if (mode) {
      switch (mode.kind) {
        case 'host': return { kind: 'host' };
        case 'none': return { kind: 'none' };
        case 'bridge':
        case 'default': return { kind: 'bridge' };
        case 'container': return { kind: 'container', target: mode.target ?? '' };
        case 'service': return { kind: 'unknown' };
        default: return { kind: 'unknown' };
      }
    }
    if (service.networks.length === 0) return { kind: 'networks', networks: [this.network(DEFAULT_NETWORK)] };
    // A network named by an unresolved variable could be any network: the whole attachment is unknown.
    if (service.networks.some((ref) => isUnknownScalar(ref.node))) return { kind: 'unknown' };
    return { kind: 'networks', networks: service.networks.map((ref) => this.network(ref.name)) };
  }

  private resolveShared(service: Service): Attachment {
    const seen = new Set<Service>([service]);
    let current = service;
    while (current.networkMode?.kind === 'service') {
      const next = this.project.serviceByName.get(current.networkMode.target ?? '');
      if (!next || seen.has(next)) return { kind: 'unknown' };
      seen.add(next);
      current = next;
    }
    return this.attachments.get(current) ?? { kind: 'unknown' };
  }

  attachment(service: Service): Attachment {
    return this.attachments.get(service) ?? { kind: 'unknown' };
  }

  /** The compose networks a service is on (empty for host, none, bridge and unknown modes). */
  networksOf(service: Service): NetworkNode[] {
    const attachment = this.attachment(service);
    return attachment.kind === 'networks' ? attachment.networks : [];
  }

  /** The Docker networks a service is on: its keys' networks once each, docker0 for `network_mode: bridge`. */
  enginesOf(service: Service): EngineNetwork[] {
    return this.serviceEngines.get(service) ?? [];
  }

  /** Services on a network through any key naming the same Docker network, including those that share another service's stack. */
  servicesOn(network: NetworkNode): Service[] {
    return network.engine.members;
  }

  /** True when both services are on Docker's default bridge, where only legacy links make names resolve. */
  shareDefaultBridge(a: Service, b: Service): boolean {
    return this.sharedNetworks(a, b).some((n) => n.defaultBridge);
  }

  /** True when the service is on the Docker network `network` stands for, through whichever key. */
  isOn(service: Service, network: NetworkNode): boolean {
    return this.enginesOf(service).includes(network.engine);
  }

  /** Docker networks two services have in common (sharing a stack through `service:x` counts as all of them). */
  sharedNetworks(a: Service, b: Service): EngineNetwork[] {
    const right = this.enginesOf(b);
    return this.enginesOf(a).filter((n) => right.includes(n));
  }

  /** True, false, or undefined when the answer depends on something the linter cannot see. */
  canResolve(from: Service, to: Service): boolean | undefined {
    const a = this.attachment(from);
    const b = this.attachment(to);
    if (a.kind === 'unknown' || b.kind === 'unknown' || a.kind === 'container' || b.kind === 'container') return undefined;
    if (this.sameStack(from, to)) return true;
    if (a.kind === 'none' || b.kind === 'none') return false;
    if (a.kind !== 'networks' || b.kind !== 'networks') return false;
    // Docker's default bridge has no DNS: sharing only docker0 resolves nothing (legacy links aside).
    return this.sharedNetworks(from, to).some((n) => !n.defaultBridge);
  }

  /** The service whose network stack this one is on (itself unless `network_mode: service:x`). */
  stackOwner(service: Service): Service {
    return this.stackRoots.get(service) ?? service;
  }

  /** The other services on this service's network stack (`network_mode: service:x`, either way). */
  stackMates(service: Service): Service[] {
    return (this.stacks.get(this.stackRoots.get(service) ?? service) ?? []).filter((s) => s !== service);
  }

  private sameStack(a: Service, b: Service): boolean {
    return (this.stackRoots.get(a) ?? a) === (this.stackRoots.get(b) ?? b);
  }

  /** The service whose network stack `service` ends up using through `network_mode: service:x` chains. */
  private stackRoot(service: Service): Service {
    const seen = new Set<Service>();
    let current = service;
    while (current.networkMode?.kind === 'service' && !seen.has(current)) {
      seen.add(current);
      const next = this.project.serviceByName.get(current.networkMode.target ?? '');
      if (!next) break;
      current = next;
    }
    return current;
  }

  /** The repository a service built from a local context starts from (its Dockerfile's FROM), read once; undefined when not known. */
  buildBase(service: Service): string | undefined {
    if (!service.build) return undefined;
    if (!this.bases.has(service)) this.bases.set(service, buildBaseRepository(service, this.project, this.files));
    return this.bases.get(service);
  }

  datastore(service: Service): DatastoreKind | undefined {
    return this.datastores.get(service);
  }

  /** Ports bound on a non-loopback host address (all interfaces or a specific one). */
  publicPorts(service: Service): PortBinding[] {
    return service.ports.filter((p) => p.scope === 'all' || p.scope === 'specific');
  }

  /**
   * A datastore's own ports published beyond loopback, on a protocol it answers (`5432/udp` reaches
   * no PostgreSQL listener; Memcached's UDP port does). Empty when Docker ignores its ports.
   */
  datastorePublicPorts(service: Service): PortBinding[] {
    const kind = this.datastore(service)?.kind;
    if (kind === undefined || !publishes(this, service)) return [];
    return this.publicPorts(service).filter((p) => listensOn(kind, p.protocol));
  }

  /**
   * For a datastore on another service's network stack (`network_mode: service:x`): the ports that
   * service publishes beyond loopback onto a port and protocol this datastore listens on, with that service.
   */
  sharedStackPorts(service: Service): { provider: Service; port: PortBinding }[] {
    const kind = this.datastore(service)?.kind;
    if (service.networkMode?.kind !== 'service' || kind === undefined) return [];
    const provider = this.stackRoot(service);
    if (provider === service || !publishes(this, provider)) return [];
    const listens = new Set(listeningPorts(kind));
    return this.publicPorts(provider)
      .filter((p) => listens.has(Number.parseInt(p.target ?? '', 10)) && listensOn(kind, p.protocol))
      .map((port) => ({ provider, port }));
  }

  /** Publishes a port beyond loopback (one Docker does publish), or shares the host's network stack. */
  isPublicFacing(service: Service): boolean {
    return this.attachment(service).kind === 'host' || (publishes(this, service) && this.publicPorts(service).length > 0);
  }

  /** Networks through which containers reach the internet (every non-internal one). */
  egressNetworks(): NetworkNode[] {
    return [...this.networks.values()].filter((n) => n.internal === false);
  }
}

/** False when Docker ignores the service's `ports:`: host networking, or only internal networks (moby/moby#36174). */
export function publishes(graph: ServiceGraph, service: Service): boolean {
  const attachment = graph.attachment(service);
  if (attachment.kind === 'host') return false;
  return !(attachment.kind === 'networks' && attachment.networks.length > 0 && attachment.networks.every((n) => n.internal === true));
}
