import { defineRule } from '../../src/engine/rule.js';
import type { NetworkNode } from '../../src/graph/graph.js';
import type { Service } from '../../src/model/project.js';
import type { ServiceGraph } from '../../src/graph/graph.js';

export const requireInternalNetwork = defineRule({
  meta: {
    id: 'require-internal-network',
    title: 'Networks with datastores must be internal',
    description:
      'A network that a datastore is attached to should be declared `internal: true`: containers on an internal network can talk to each other but cannot reach the internet, so a compromised or malicious database image cannot exfiltrate data or download tooling. The implicit `default` network is never internal. Note that Docker does not publish ports of a container whose only networks are internal: a service that must be reachable from outside needs a second, non-internal network.',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.5,
    recommended: true,
    fixable: true,
    messages: {
      notInternal: 'network "{{network}}" carries {{datastores}} but is not internal: add `internal: true` so the datastore cannot reach the internet',
      notInternalSplit: 'network "{{network}}" carries {{datastores}} but is not internal; `internal: true` alone would stop Docker publishing the ports of {{publishers}} ({{why}}): split it, with a backend network marked `internal: true` for the datastore and its clients, and a frontend network for published services',
      implicitDefault: 'service "{{service}}" ({{kind}}) is on the implicit "default" network, which is never internal: declare a backend network with `internal: true` and attach the datastore and its clients to it',
    },
    references: ['network-isolation guide: "Use internal: true for backend networks containing databases and private services."'],
    tags: ['security', 'network-isolation', 'datastore'],
  },
  check({ graph, report }) {
    for (const network of graph.networks.values()) {
      // Docker's default bridge cannot be made internal; no-default-bridge reports it.
      if (network.internal !== false || network.external || network.defaultBridge) continue;
      const datastores = network.members.filter((s) => graph.datastore(s));
      if (datastores.length === 0) continue;
      if (!network.declared) {
        // An undeclared network other than `default` does not exist: no-undefined-network reports it.
        if (!network.implicit) continue;
        for (const service of datastores) {
          report({ messageId: 'implicitDefault', data: { service: service.name, kind: graph.datastore(service)!.kind }, at: service.keyLoc, service, network: network.name });
        }
        continue;
      }
      const names = datastores.map((s) => `"${s.name}"`).join(', ');
      const publishers = stranded(graph, network);
      // "its only network" only when true: a publisher may also be on networks that are already internal.
      const only = publishers.every((s) => graph.networksOf(s).length === 1);
      const why = only ? `${publishers.length > 1 ? 'their' : 'its'} only network` : 'left on internal networks only';
      const data = { network: network.name, datastores: `datastore${datastores.length > 1 ? 's' : ''} ${names}`, publishers: publishers.map((s) => `"${s.name}"`).join(', '), why };
      report({ messageId: publishers.length > 0 ? 'notInternalSplit' : 'notInternal', data, at: network.declared.keyLoc, network: network.name });
    }
  },
});

/** Services that publish ports and would be left with only this network once it is internal. */
function stranded(graph: ServiceGraph, network: NetworkNode): Service[] {
  return network.members.filter((s) => s.ports.length > 0 && graph.networksOf(s).every((n) => n === network || n.internal === true));
}
