import { andList } from '../../src/excerpt.js';
import { defineRule, type Report } from '../../src/engine/rule.js';
import type { NetworkNode } from '../../src/graph/networks.js';
import type { Service } from '../../src/model/project.js';
import type { ServiceGraph } from '../../src/graph/graph.js';

export const requireInternalNetwork = defineRule({
  meta: {
    id: 'require-internal-network',
    title: 'Networks with datastores must be internal',
    description:
      'A network that a datastore is attached to should be declared `internal: true`: containers on an internal network can talk to each other but cannot reach the internet, so a compromised or malicious database image cannot exfiltrate data or download tooling. The implicit `default` network is never internal. Note that Docker does not publish ports of a container whose only networks are internal, and that such a container cannot reach the internet either: a service that must be reachable from outside, or that calls anything outside (an external API, package downloads), needs a second, non-internal network. The message names those services, and `--fix` adds `internal: true` only when there are none. A datastore on an external network (one created outside the project, such as a reverse proxy\'s shared network) is reported at its reference to it: the containers of every other project on that network can reach it, and this project cannot make that network internal.',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.5,
    recommended: true,
    fixable: true,
    messages: {
      notInternal: 'network "{{network}}" carries {{datastores}} but is not internal: add `internal: true` so the datastore cannot reach the internet',
      notInternalSplit: 'network "{{network}}" carries {{datastores}} but is not internal; `internal: true` alone would stop Docker publishing the ports of {{publishers}} ({{why}}){{alsoCut}}: split it, with a backend network marked `internal: true` for the datastore and its clients, and a frontend network for published services',
      notInternalEgress: 'network "{{network}}" carries {{datastores}} but is not internal; `internal: true` alone would also cut {{services}} off from the internet ({{why}}): give {{them}} a second, non-internal network if {{they}} call{{s}} anything outside (an external API, package or model downloads), then add `internal: true` so the datastore cannot reach the internet',
      externalShared: 'service "{{service}}" ({{kind}}) joins external network "{{network}}", which other projects can join too (a shared reverse-proxy network, typically), and so can reach it; unless that network was created with --internal for its clients only, attach the datastore to a network of this project marked `internal: true` and leave the external one to the services the proxy serves',
      implicitDefault: 'service "{{service}}" ({{kind}}) is on the implicit "default" network, which is never internal: declare a backend network with `internal: true` and attach the datastore and its clients to it{{stack}}',
    },
    references: ['network-isolation guide: "Use internal: true for backend networks containing databases and private services."'],
    tags: ['security', 'network-isolation', 'datastore'],
  },
  check({ graph, report }) {
    for (const network of graph.networks.values()) {
      if (network.external && network.internal === false) {
        externalMembership(graph, network, report);
        continue;
      }
      // Docker's default bridge cannot be made internal; no-default-bridge reports it.
      if (network.internal !== false || network.external || network.defaultBridge) continue;
      const datastores = network.members.filter((s) => graph.datastore(s));
      if (datastores.length === 0) continue;
      if (!network.declared) {
        // An undeclared network other than `default` does not exist: no-undefined-network reports it.
        if (!network.implicit) continue;
        for (const service of datastores) {
          // A dev container on the datastore's stack goes wherever the datastore goes, internet included.
          const riders = graph.stackMates(service).filter((s) => !graph.datastore(s));
          const stack = riders.length === 0 ? '' : `; ${andList(riders.map((s) => `"${s.name}"`))} share${riders.length > 1 ? '' : 's'} its network stack and would lose the internet with it: give ${riders.length > 1 ? 'them' : 'it'} ${riders.length > 1 ? 'their' : 'its'} own network and reach "${service.name}" by name first`;
          report({ messageId: 'implicitDefault', data: { service: service.name, kind: graph.datastore(service)!.kind, stack }, at: service.keyLoc, service, network: network.name });
        }
        continue;
      }
      const names = andList(datastores.map((s) => `"${s.name}"`));
      const base = { network: network.name, datastores: `datastore${datastores.length > 1 ? 's' : ''} ${names}` };
      const left = stranded(graph, network);
      const publishers = left.filter((s) => s.ports.length > 0);
      // Other services would lose their way out too: a worker calling an external API, a dev container.
      // Datastores losing it is the point. Without a fix then: one that breaks the app is worse than none.
      const cut = left.filter((s) => s.ports.length === 0 && !graph.datastore(s));
      const at = network.declared.keyLoc;
      if (publishers.length > 0) {
        const alsoCut = cut.length > 0 ? `, and cut ${quoted(graph, cut)} off from the internet` : '';
        report({ messageId: 'notInternalSplit', data: { ...base, publishers: quoted(graph, publishers), why: why(graph, publishers), alsoCut }, at, network: network.name });
      } else if (cut.length > 0) {
        const many = cut.length > 1;
        const data = { ...base, services: quoted(graph, cut), why: why(graph, cut), them: many ? 'them' : 'it', they: many ? 'they' : 'it', s: many ? '' : 's' };
        report({ messageId: 'notInternalEgress', data, at, network: network.name });
      } else report({ messageId: 'notInternal', data: base, at, network: network.name });
    }
  },
});

/**
 * Services that would be left on internal networks only once this one is internal. Members include
 * services on another's stack (`network_mode: service:x`, a dev container on the database's): they
 * lose the internet with "x", and when "x" is a datastore nobody else names them.
 */
function stranded(graph: ServiceGraph, network: NetworkNode): Service[] {
  return network.members.filter((s) => graph.networksOf(s).every((n) => n === network || n.internal === true));
}

/** "its only network" only when true: a service may also be on networks that are already internal. */
function why(graph: ServiceGraph, services: Service[]): string {
  const only = services.every((s) => graph.networksOf(s).length === 1);
  return only ? `${services.length > 1 ? 'their' : 'its'} only network` : 'left on internal networks only';
}

/** Names, and for a service on another's stack whose stack it is: its networks are not its own. */
function quoted(graph: ServiceGraph, services: Service[]): string {
  return andList(services.map((s) => {
    const owner = graph.stackOwner(s);
    return owner === s ? `"${s.name}"` : `"${s.name}" (on the network stack of "${owner.name}")`;
  }));
}

/** Each datastore's reference to an external network: other projects' containers share it, and its settings are not this project's. */
function externalMembership(graph: ServiceGraph, network: NetworkNode, report: (finding: Report) => void): void {
  for (const service of network.members) {
    const kind = graph.datastore(service)?.kind;
    const ref = kind && service.networks.find((r) => r.name === network.name);
    if (ref) report({ messageId: 'externalShared', data: { service: service.name, kind, network: network.name }, at: ref.node, service, network: network.name });
  }
}
