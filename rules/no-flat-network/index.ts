import { defineRule } from '../../src/engine/rule.js';
import type { ServiceGraph } from '../../src/graph/graph.js';
import type { EngineNetwork, NetworkNode } from '../../src/graph/networks.js';
import { entry } from '../../src/model/node.js';
import type { Service } from '../../src/model/project.js';
import { addressNames, DatastoreUsage } from '../../src/graph/usage.js';
import type { Loc } from '../../src/types.js';

export const noFlatNetwork = defineRule({
  meta: {
    id: 'no-flat-network',
    title: 'Segment public services from datastores',
    description:
      'Every service of the project sits on one network, including a public-facing service (one that publishes a port beyond loopback) and a datastore it does not use. Nothing is segmented: a compromised front end can reach the database and every other service directly. Give the public services a frontend network, the datastore an internal backend network, and attach only the services that need both to both. Projects of two services are not reported, nor projects whose public services all use, or may use, every datastore: a service uses a datastore it depends on, links to or names in its configuration (environment, command, or as a host in a mounted config file or config directory, as a proxy forwarding to it does), and may use it when it is a datastore tool (admin UI, exporter) or has an env_file that could not be read, as for no-unrelated-datastore-access. A service counts with its network stack: a VPN sidecar publishing the port of an app that uses the datastore uses it too. There, splitting removes no path the application does not need. A public service built from source (not FROM a static web server such as nginx) may use the datastore in its code: when it is the only one that could be blamed, a note says the linter cannot tell; so it does for a public service whose mounted config file or directory is not in the checkout (it may name the datastore there).',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.0,
    recommended: true,
    fixable: false,
    messages: {
      flat: 'all {{count}} services{{scope}} share network "{{network}}", so public-facing "{{public}}" can reach {{kind}} "{{datastore}}" and everything else: put public services on a frontend network and "{{datastore}}" on an internal backend network joined only by its clients',
      possiblyFlatConfig: 'all {{count}} services{{scope}} share network "{{network}}", so public-facing "{{public}}" can reach {{kind}} "{{datastore}}" and everything else; compose-lint cannot tell whether it connects to "{{datastore}}": its {{config}}, which may name the hosts it connects to, is not in this checkout. If it does, say so with depends_on; if not, put public services on a frontend network and "{{datastore}}" on an internal backend network joined only by its clients',
      possiblyFlat: 'all {{count}} services{{scope}} share network "{{network}}", so public-facing "{{public}}", built from source, can reach {{kind}} "{{datastore}}" and everything else; compose-lint cannot tell whether its code uses "{{datastore}}". If it does, say so: depends_on, or an environment variable naming the host (DB_HOST={{datastore}}); if not, put public services on a frontend network and "{{datastore}}" on an internal backend network joined only by its clients',
    },
    optionsSchema: {
      type: 'object',
      properties: { possibleClients: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: { possibleClients: true },
    references: ['network-isolation guide: "Putting all containers on one network. No segmentation means a compromised container can attack everything."', 'OWASP Docker Security Cheat Sheet, rule #5 (network segmentation)'],
    tags: ['security', 'network-isolation', 'segmentation'],
  },
  check({ project, graph, options, report }) {
    // Only services on known compose networks take part: host/none/bridge are other rules' business, and a
    // service on `container:x` or a network given by an unset variable is left out, not a reason to stay silent.
    const attached = project.services.filter((s) => graph.attachment(s).kind === 'networks');
    if (attached.length < 3) return;
    const flat = commonNetwork(attached, graph);
    if (!flat) return;
    // Only when segmentation would cut a path: a public service next to a datastore it provably does not
    // use. A possible client (built from source, a datastore tool, an unread env_file...) is not one, as
    // for no-unrelated-datastore-access: in the guide's own layout the API reaches the database on purpose.
    const datastores = attached.filter((s) => graph.datastore(s));
    if (datastores.length === 0) return;
    const usage = new DatastoreUsage(project, graph, addressNames(datastores));
    // A public service that provably does not use a datastore: a warning. Failing that, one built from
    // source with no sign of use (its code may or may not): a note, as the linter cannot tell.
    let found: { service: Service; datastore: Service; possible: boolean; config: string | undefined } | undefined;
    // Name the most likely front door first: a service on the web ports 80/443.
    const rank = (s: Service) => (graph.publicPorts(s).some((p) => p.published === '80' || p.published === '443') ? 0 : 1);
    const candidates = [...attached].sort((a, b) => rank(a) - rank(b));
    for (const candidate of candidates) {
      if (graph.datastore(candidate) || graph.publicPorts(candidate).length === 0) continue;
      // Its whole network stack: a VPN sidecar publishing a port carries the traffic of the client it hosts.
      const use = usage.ofStack(candidate);
      if (use.doubt === 'unknown') continue;
      const possible = use.doubt === 'source' || use.doubt === 'config';
      if (possible && (found || options['possibleClients'] === false || usage.of(candidate).doubt !== use.doubt)) continue;
      const datastore = datastores.find((d) => !use.used.has(d));
      if (!datastore) continue;
      found = { service: candidate, datastore, possible, config: use.unreadConfig };
      if (!possible) break;
    }
    if (!found) return;
    const { service, datastore, possible, config } = found;
    report({
      messageId: config !== undefined ? 'possiblyFlatConfig' : possible ? 'possiblyFlat' : 'flat',
      data: { count: attached.length, scope: attached.length < project.services.length ? ' on compose networks' : '', network: flat.name, public: service.name, datastore: datastore.name, kind: graph.datastore(datastore)!.kind, config: config ?? '' },
      at: location(project, flat),
      network: flat.name,
      ...(possible ? { severity: 'note' as const } : {}),
    });
  },
});

/**
 * A non-internal network every service is on, whatever order the services list their networks in:
 * the first such key in declaration order. Networks are compared as Docker networks (engine names).
 */
function commonNetwork(services: Service[], graph: ServiceGraph): NetworkNode | undefined {
  let common = new Set<EngineNetwork>(graph.enginesOf(services[0]!));
  for (const service of services) {
    const mine = graph.enginesOf(service);
    common = new Set(mine.filter((n) => common.has(n)));
    if (common.size === 0) return undefined;
  }
  for (const network of graph.networks.values()) if (network.internal === false && common.has(network.engine)) return network;
  return undefined;
}

/** The network's declaration key; for the implicit default, the `services:` key. */
function location(project: { root: Parameters<typeof entry>[0] }, network: NetworkNode): Loc {
  if (network.declared) return network.declared.keyLoc;
  return entry(project.root, 'services')!.key.loc;
}
