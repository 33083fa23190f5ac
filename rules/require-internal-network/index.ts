import { defineRule } from '../../src/engine/rule.js';
import type { NetworkNode } from '../../src/graph/networks.js';
import type { Service } from '../../src/model/project.js';
import type { ServiceGraph } from '../../src/graph/graph.js';

export const requireInternalNetwork = defineRule({
  meta: {
    id: 'require-internal-network',
    title: 'Networks with datastores must be internal',
    description:
      'A network that a datastore is attached to should be declared `internal: true`: containers on an internal network can talk to each other but cannot reach the internet, so a compromised or malicious database image cannot exfiltrate data or download tooling. The implicit `default` network is never internal. Note that Docker does not publish ports of a container whose only networks are internal, and that such a container cannot reach the internet either: a service that must be reachable from outside, or that calls anything outside (an external API, package downloads), needs a second, non-internal network. The message names those services, and `--fix` adds `internal: true` only when there are none.',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.5,
    recommended: true,
    fixable: true,
    messages: {
      notInternal: 'network "{{network}}" carries {{datastores}} but is not internal: add `internal: true` so the datastore cannot reach the internet',
      notInternalSplit: 'network "{{network}}" carries {{datastores}} but is not internal; `internal: true` alone would stop Docker publishing the ports of {{publishers}} ({{why}}){{alsoCut}}: split it, with a backend network marked `internal: true` for the datastore and its clients, and a frontend network for published services',
      notInternalEgress: 'network "{{network}}" carries {{datastores}} but is not internal; `internal: true` alone would also cut {{services}} off from the internet ({{why}}): give {{them}} a second, non-internal network if {{they}} call{{s}} anything outside (an external API, package or model downloads), then add `internal: true` so the datastore cannot reach the internet',
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
      const base = { network: network.name, datastores: `datastore${datastores.length > 1 ? 's' : ''} ${names}` };
      const left = stranded(graph, network);
      const publishers = left.filter((s) => s.ports.length > 0);
      // Other services would lose their way out too: a worker calling an external API, a dev container.
      // Datastores losing it is the point. Without a fix then: one that breaks the app is worse than none.
      const cut = left.filter((s) => s.ports.length === 0 && !graph.datastore(s));
      const at = network.declared.keyLoc;
      if (publishers.length > 0) {
        const alsoCut = cut.length > 0 ? `, and cut ${quoted(cut)} off from the internet` : '';
        report({ messageId: 'notInternalSplit', data: { ...base, publishers: quoted(publishers), why: why(graph, publishers), alsoCut }, at, network: network.name });
      } else if (cut.length > 0) {
        const many = cut.length > 1;
        const data = { ...base, services: quoted(cut), why: why(graph, cut), them: many ? 'them' : 'it', they: many ? 'they' : 'it', s: many ? '' : 's' };
        report({ messageId: 'notInternalEgress', data, at, network: network.name });
      } else report({ messageId: 'notInternal', data: base, at, network: network.name });
    }
  },
});

/**
 * Services that would be left on internal networks only once this one is internal. A service on
 * another service's stack (`network_mode: service:x`) is left out: "x" is named, and it follows.
 */
function stranded(graph: ServiceGraph, network: NetworkNode): Service[] {
  return network.members.filter((s) => !s.networkMode && graph.networksOf(s).every((n) => n === network || n.internal === true));
}

/** "its only network" only when true: a service may also be on networks that are already internal. */
function why(graph: ServiceGraph, services: Service[]): string {
  const only = services.every((s) => graph.networksOf(s).length === 1);
  return only ? `${services.length > 1 ? 'their' : 'its'} only network` : 'left on internal networks only';
}

function quoted(services: Service[]): string {
  return services.map((s) => `"${s.name}"`).join(', ');
}
