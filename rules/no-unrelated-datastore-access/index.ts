import { defineRule } from '../../src/engine/rule.js';
import { isDatastoreClient } from '../../src/graph/datastore.js';
import type { NetworkNode } from '../../src/graph/graph.js';
import { addressNames, usedServices } from '../../src/graph/usage.js';
import type { Service } from '../../src/model/project.js';

export const noUnrelatedDatastoreAccess = defineRule({
  meta: {
    id: 'no-unrelated-datastore-access',
    title: 'Only a datastore\'s clients may share its network',
    description:
      'A service shares a network with a datastore it never uses: it does not depend on it, link to it, or name it (service name, container name, hostname or network alias) in its environment, env files, command, entrypoint or healthcheck. If that service is compromised it can reach the database directly, the guide\'s "web -> db must fail". Services built from source are not reported (their code may name the datastore), nor admin tools and exporters whose job is to reach datastores, nor services whose env_file could not be read.',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.5,
    recommended: true,
    fixable: false,
    messages: {
      unrelated: 'service "{{service}}" shares network "{{network}}" with {{datastores}} but never uses it (no depends_on, links or host name in its environment, command or healthcheck): move the datastore to a backend network that only its clients join, or declare the dependency if "{{service}}" does use it',
    },
    references: ['network-isolation guide: "Connect containers to only the networks they need. A web container should not be on the backend network." (web -> db ✗)', 'OWASP Docker Security Cheat Sheet, rule #5'],
    tags: ['security', 'network-isolation', 'datastore', 'least-privilege'],
  },
  check({ project, graph, report }) {
    const datastoresOn = new Map<NetworkNode, { list: Service[]; set: Set<Service> }>();
    for (const network of graph.networks.values()) {
      const list = network.members.filter((s) => graph.datastore(s));
      if (list.length > 0) datastoresOn.set(network, { list, set: new Set(list) });
    }
    if (datastoresOn.size === 0) return;
    const names = addressNames(project.services.filter((s) => graph.datastore(s)));
    for (const service of project.services) {
      if (graph.datastore(service) || service.build || isDatastoreClient(service) || !service.environmentComplete) continue;
      const networks = graph.networksOf(service).filter((n) => datastoresOn.has(n));
      if (networks.length === 0) continue;
      const used = usedServices(service, project, graph, names);
      if (used === 'unknown') continue;
      for (const network of networks) {
        const { list, set } = datastoresOn.get(network)!;
        const unused = firstUnused(list, set, used);
        if (unused.count === 0) continue;
        const kinds = unused.shown.map((d) => `${graph.datastore(d)!.kind} "${d.name}"`);
        const datastores = unused.count > unused.shown.length ? `${kinds.join(', ')} and ${unused.count - unused.shown.length} more datastores` : kinds.join(', ');
        report({ messageId: 'unrelated', data: { service: service.name, network: network.name, datastores }, at: service.keyLoc, service, network: network.name });
      }
    }
  },
});

const SHOWN = 3;

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
