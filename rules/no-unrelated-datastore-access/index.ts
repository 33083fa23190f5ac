import { defineRule } from '../../src/engine/rule.js';
import type { ServiceGraph } from '../../src/graph/graph.js';
import type { EngineNetwork } from '../../src/graph/networks.js';
import { addressNames, DatastoreUsage } from '../../src/graph/usage.js';
import type { Service } from '../../src/model/project.js';

export const noUnrelatedDatastoreAccess = defineRule({
  meta: {
    id: 'no-unrelated-datastore-access',
    title: 'Only a datastore\'s clients may share its network',
    description:
      'A service shares a network with a datastore it never uses: it does not depend on it, link to it, or name it (service name, container name, hostname or network alias) in its environment, env files, command, entrypoint or healthcheck, or as a host in a config file mounted into it (a TCP or HTTP proxy forwarding to it). If that service is compromised it can reach the database directly, the guide\'s "web -> db must fail". Services built from source are not reported (their code may name the datastore), nor admin tools and exporters whose job is to reach datastores, nor services whose env_file could not be read, nor a service whose network stack the datastore shares (`network_mode: service:x`), from which no network can separate it, nor a service hosting the network stack of one that uses the datastore (a VPN sidecar carries its traffic).',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.5,
    recommended: true,
    fixable: false,
    messages: {
      unrelated: 'service "{{service}}" shares network "{{network}}"{{engine}} with {{datastores}} but never uses {{them}} (no depends_on, links or host name in its environment, command, healthcheck or mounted config files): move {{what}} to a backend network that only {{whose}} clients join, or declare the dependency if "{{service}}" does use {{them}}',
    },
    references: ['network-isolation guide: "Connect containers to only the networks they need. A web container should not be on the backend network." (web -> db ✗)', 'OWASP Docker Security Cheat Sheet, rule #5'],
    tags: ['security', 'network-isolation', 'datastore', 'least-privilege'],
  },
  check({ project, graph, report }) {
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
    const usage = new DatastoreUsage(project, graph, addressNames(project.services.filter((s) => graph.datastore(s))));
    for (const service of project.services) {
      if (graph.datastore(service)) continue;
      const engines = graph.enginesOf(service).filter((n) => datastoresOn.has(n));
      if (engines.length === 0) continue;
      // Its whole network stack: a VPN sidecar hosting a client's stack carries that client's traffic,
      // and a datastore on the stack cannot be moved away from it.
      const use = usage.ofStack(service);
      if (use.doubt) continue;
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
        report({ messageId: 'unrelated', data: { service: service.name, network, engine: engineNote, datastores, ...plural(unused.count > 1) }, at: service.keyLoc, service, network });
      }
    }
  },
});

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
