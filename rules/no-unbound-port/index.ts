import { defineRule } from '../../src/engine/rule.js';
import { publishes } from '../../src/graph/graph.js';
import type { PortBinding } from '../../src/model/project.js';

export const noUnboundPort = defineRule({
  meta: {
    id: 'no-unbound-port',
    title: 'Bind published ports to an explicit address',
    description:
      'A published port without a host address (`"8080:80"`, `"80"`) or bound to `0.0.0.0`/`::` listens on every interface of the host, so anyone who can reach the machine can reach the container; Docker\'s own iptables rules bypass host firewalls such as ufw. Bind to `127.0.0.1` when only the host (or a reverse proxy on it) needs the port, or to the one interface that should serve it. Datastore ports are reported by `no-public-datastore-port` instead.',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.0,
    recommended: true,
    fixable: true,
    messages: {
      unbound: 'port "{{port}}" of service "{{service}}" is published on all host interfaces; bind it to 127.0.0.1 ("127.0.0.1:{{suggestion}}") or to the one interface that must serve it',
    },
    references: ['CIS Docker Benchmark 5.14: Ensure that incoming container traffic is bound to a specific host interface', 'KICS: Container Traffic Not Bound To Host Interface'],
    tags: ['security', 'network-isolation'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      // Datastores have their own rule; host networking and internal-only networks ignore `ports:` (other rules say so).
      if (graph.datastore(service) || !publishes(graph, service)) continue;
      for (const port of service.ports) {
        if (port.scope !== 'all') continue;
        const suggestion = `${port.published ?? ''}:${port.target ?? ''}${protocolSuffix(port)}`;
        report({ messageId: 'unbound', data: { port: port.text, service: service.name, suggestion }, at: port.addressAt, service });
      }
    }
  },
});

/**
 * The protocol as the suggestion writes it: a short port keeps the suffix as written ("/tcp" too),
 * as the fix does; a long port, rendered short, needs one only when it is not tcp.
 */
function protocolSuffix(port: PortBinding): string {
  if (port.longSyntax) return port.protocol !== 'tcp' ? `/${port.protocol}` : '';
  return /\/[A-Za-z]+$/.exec(port.text.trim())?.[0] ?? '';
}
