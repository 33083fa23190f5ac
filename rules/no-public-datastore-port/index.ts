import { defineRule } from '../../src/engine/rule.js';
import { publishedOn } from '../../src/model/ports.js';

export const noPublicDatastorePort = defineRule({
  meta: {
    id: 'no-public-datastore-port',
    title: 'Never publish a datastore on a public interface',
    description:
      'A database, cache or search engine that publishes a port on `0.0.0.0`, `::` or any non-loopback address can be reached by anyone on the network; exposed databases are among the most common causes of data breaches. Other containers reach the datastore over a Compose network without any published port. If the host itself needs it (a migration tool, a local client), bind to `127.0.0.1`.',
    category: 'network',
    severity: 'error',
    securitySeverity: 8.5,
    recommended: true,
    fixable: true,
    messages: {
      publicPort: '{{kind}} service "{{service}}" publishes port "{{port}}" on {{where}}; remove the port (containers reach it over a network) or bind it to 127.0.0.1',
      sharedStackPort: '{{kind}} service "{{service}}" shares the network stack of "{{provider}}", which publishes port "{{port}}" on {{where}}: the datastore answers there; remove the port or bind it to 127.0.0.1',
    },
    references: ['network-isolation guide: "Bind database ports to 127.0.0.1 only. Never expose databases to external interfaces."', 'CIS Docker Benchmark 5.14'],
    tags: ['security', 'network-isolation', 'datastore'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      const datastore = graph.datastore(service);
      if (!datastore) continue;
      for (const port of graph.datastorePublicPorts(service)) {
        report({ messageId: 'publicPort', data: { kind: datastore.kind, service: service.name, port: port.text, where: publishedOn(port) }, at: port.addressAt, service });
      }
      for (const { provider, port } of graph.sharedStackPorts(service)) {
        report({ messageId: 'sharedStackPort', data: { kind: datastore.kind, service: service.name, provider: provider.name, port: port.text, where: publishedOn(port) }, at: port.addressAt, service });
      }
    }
  },
});
