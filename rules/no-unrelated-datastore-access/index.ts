import { defineRule } from '../../src/engine/rule.js';
import type { ServiceGraph } from '../../src/graph/graph.js';
import type { EngineNetwork } from '../../src/graph/networks.js';
import { addressNames, DatastoreUsage } from '../../src/graph/usage.js';
import { publishedOn } from '../../src/model/ports.js';
import type { Service } from '../../src/model/project.js';

export const noUnrelatedDatastoreAccess = defineRule({
  meta: {
    id: 'no-unrelated-datastore-access',
    title: 'Only a datastore\'s clients may share its network',
    description:
      'A service shares a network with a datastore it never uses: it does not depend on it, link to it, or name it (service name, container name, hostname, network alias or fixed address) in its environment, env files, command, entrypoint or healthcheck, or as a host in a config file mounted into it (a TCP or HTTP proxy forwarding to it), or in the config files of a directory mounted where programs keep their configuration (nginx\'s `conf.d`, `/usr/local/etc/haproxy`). If that service is compromised it can reach the database directly, the guide\'s "web -> db must fail". A service built from source may use the datastore in its code: it is not warned about, but when it faces the public (a port published beyond loopback) a note says the linter cannot tell, unless it is built FROM a static web server (nginx, httpd, caddy), which is judged like that image. Likewise for a service that mounts a config file or directory from the project that is not in the checkout (generated at deploy time, or not committed) where programs keep their configuration (under `/etc` or `/usr/local/etc`, or a file in a config format, not certificates, keys or state such as `acme.json`): it may name the datastore there, so it is not warned about, and a note says the linter cannot tell when it faces the public. Not reported: admin tools and exporters whose job is to reach datastores, services whose env_file could not be read, a service whose network stack the datastore shares (`network_mode: service:x`), from which no network can separate it, and a service hosting the network stack of one that uses the datastore (a VPN sidecar carries its traffic).',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.5,
    recommended: true,
    fixable: false,
    messages: {
      unrelated: 'service "{{service}}" shares network "{{network}}"{{engine}} with {{datastores}} but never uses {{them}} (no depends_on, links or host name in its environment, command, healthcheck or mounted config files): move {{what}} to a backend network that only {{whose}} clients join, or declare the dependency if "{{service}}" does use {{them}}',
      unreadConfig: 'service "{{service}}" {{facing}} and shares network "{{network}}"{{engine}} with {{datastores}}, named nowhere compose-lint can read; its {{config}} is not in this checkout, and may name the hosts it connects to (a proxy\'s upstreams). If it connects to {{them}}, say so with depends_on; if not, take "{{service}}" off the network, so that a compromised front end cannot reach {{what}}',
      possibleClient: 'service "{{service}}" is built from source, {{facing}} and shares network "{{network}}"{{engine}} with {{datastores}}; compose-lint cannot tell whether its code uses {{them}}. If it does, say so: depends_on, or an environment variable naming the host (DB_HOST={{example}}); if not, take "{{service}}" off the network, so that a compromised front end cannot reach {{what}}',
    },
    optionsSchema: {
      type: 'object',
      properties: { possibleClients: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: { possibleClients: true },
    references: ['network-isolation guide: "Connect containers to only the networks they need. A web container should not be on the backend network." (web -> db ✗)', 'OWASP Docker Security Cheat Sheet, rule #5'],
    tags: ['security', 'network-isolation', 'datastore', 'least-privilege'],
  },
  check({ project, graph, options, report }) {
    // Per Docker network, not per Compose key: two keys with the same `name:` are one network.
    const datastoresOn = new Map<EngineNetwork, { list: Service[]; set: Set<Service> }>();
    for (const service of project.services) {
      if (!graph.datastore(service)) continue;
      for (const engine of graph.enginesOf(service)) {
        const entry = datastoresOn.get(engine);
        if (entry) {
          entry.list.push(service);
          entry.set.add(service);
        } else datastoresOn.set(engine, { list: [service], set: new Set([service]) });
      }
    }
    if (datastoresOn.size === 0) return;
    const possibleClients = options['possibleClients'] !== false;
    const usage = new DatastoreUsage(project, graph, addressNames(project.services.filter((s) => graph.datastore(s))));
    for (const service of project.services) {
      if (graph.datastore(service)) continue;
      const engines = graph.enginesOf(service).filter((n) => datastoresOn.has(n));
      if (engines.length === 0) continue;
      // Its whole network stack: a VPN sidecar hosting a client's stack carries that client's traffic,
      // and a datastore on the stack cannot be moved away from it.
      const use = usage.ofStack(service);
      if (use.doubt === 'unknown') continue;
      // Built from source, its code may use the datastore: not a warning, but not silence either for a
      // public front end. Said once, on the built service itself, not on a sidecar hosting its stack.
      let facing: string | undefined;
      if (use.doubt === 'source' || use.doubt === 'config') {
        if (!possibleClients || usage.of(service).doubt !== use.doubt) continue;
        facing = publicFacing(graph, service);
        if (facing === undefined) continue;
      }
      for (const engine of engines) {
        const { list, set } = datastoresOn.get(engine)!;
        const unused = firstUnused(list, set, use.used);
        if (unused.count === 0) continue;
        const kinds = unused.shown.map((d) => `${graph.datastore(d)!.kind} "${d.name}"`);
        const more = unused.count - unused.shown.length;
        const datastores = more > 0 ? `${kinds.join(', ')} and ${more} more datastores` : kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}` : kinds[0]!;
        const network = networkName(graph, service, engine);
        // Several keys for one Docker network: the datastore may have joined it under another key.
        const engineNote = engine.keys.length > 1 && engine.name ? ` (Docker network "${engine.name}")` : '';
        const data = { service: service.name, network, engine: engineNote, datastores, ...plural(unused.count > 1) };
        if (facing === undefined) report({ messageId: 'unrelated', data, at: service.keyLoc, service, network });
        else if (use.doubt === 'config') report({ messageId: 'unreadConfig', data: { ...data, facing, config: use.unreadConfig! }, at: service.keyLoc, service, network, severity: 'note' });
        else report({ messageId: 'possibleClient', data: { ...data, facing, example: unused.shown[0]!.name }, at: service.keyLoc, service, network, severity: 'note' });
      }
    }
  },
});

/** How a service faces the public, for a message: its first port beyond loopback, its own or its stack's; undefined when it does not. */
function publicFacing(graph: ServiceGraph, service: Service): string | undefined {
  const owner = graph.stackOwner(service);
  if (!graph.isPublicFacing(owner)) return undefined;
  const port = graph.publicPorts(owner)[0];
  const how = port ? `publishes port "${port.text}" on ${publishedOn(port)}` : 'shares the host\'s network stack';
  return owner === service ? how : `shares the network stack of "${owner.name}", which ${how}`;
}

/** The network as the service knows it: its own key for that Docker network, or `bridge` for network_mode: bridge. */
function networkName(graph: ServiceGraph, service: Service, engine: EngineNetwork): string {
  return graph.networksOf(service).find((n) => n.engine === engine)?.name ?? engine.name ?? 'bridge';
}

const SHOWN = 3;

function plural(many: boolean): { them: string; what: string; whose: string } {
  return many ? { them: 'them', what: 'the datastores', whose: 'their' } : { them: 'it', what: 'the datastore', whose: 'its' };
}

/**
 * Up to SHOWN datastores of a network that the service does not use, and how many there are.
 * Costs O(SHOWN + used), not O(datastores), so large projects stay linear.
 */
function firstUnused(onNetwork: Service[], onNetworkSet: Set<Service>, used: Set<Service>): { shown: Service[]; count: number } {
  let usedHere = 0;
  for (const d of used) if (onNetworkSet.has(d)) usedHere++;
  const shown: Service[] = [];
  for (const d of onNetwork) {
    if (shown.length === SHOWN) break;
    if (!used.has(d)) shown.push(d);
  }
  return { shown, count: onNetwork.length - usedHere };
}
