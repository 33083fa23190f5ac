import { defineRule } from '../../src/engine/rule.js';
import { quoted } from '../../src/graph/text.js';
import { entry } from '../../src/model/node.js';

export const noOverConnectedService = defineRule({
  meta: {
    id: 'no-over-connected-service',
    title: 'Limit how many networks a service joins',
    description:
      'A service attached to many networks bridges all of them: if it is compromised, every service on every one of those networks is in reach. A service that sits between a frontend and a backend needs two networks; more usually means segments were added without removing the old ones. The limit is the option `max` (default 2). Docker networks are counted, not Compose keys: two keys with the same `name:` are one network.',
    category: 'network',
    severity: 'warning',
    securitySeverity: 4.0,
    recommended: true,
    fixable: false,
    messages: {
      tooMany: 'service "{{service}}" joins {{count}} networks ({{networks}}), more than {{max}}: each one widens what a compromise of "{{service}}" can reach; keep only the networks it talks on',
    },
    optionsSchema: {
      type: 'object',
      properties: { max: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { max: 2 },
    references: ['network-isolation guide: "Connecting a container to too many networks. This increases the attack surface."'],
    tags: ['security', 'network-isolation', 'least-privilege'],
  },
  check({ project, graph, options, report }) {
    const max = typeof options['max'] === 'number' ? options['max'] : 2;
    for (const service of project.services) {
      // network_mode decides its networking, as in the graph; `networks:` beside it is a compose-load error.
      if (service.networkMode) continue;
      // Docker networks, not Compose keys: keys with one engine `name:` are one network, named by the first key.
      // A key the graph does not place (a service whose networks hold an unset variable) counts on its own.
      const networks = new Map<unknown, string>();
      for (const ref of service.networks) {
        const network = graph.networks.get(ref.name)?.engine ?? ref.name;
        if (!networks.has(network)) networks.set(network, ref.name);
      }
      const names = [...networks.values()];
      if (names.length <= max) continue;
      const key = entry(service.node, 'networks')!.key;
      report({ messageId: 'tooMany', data: { service: service.name, count: names.length, networks: quoted(names, 8), max }, at: key, service });
    }
  },
});
