import { defineRule } from '../../src/engine/rule.js';

export const noPortsOnInternalNetwork = defineRule({
  meta: {
    id: 'no-ports-on-internal-network',
    title: 'Do not publish ports of a service that is only on internal networks',
    description:
      'Docker does not publish the ports of a container whose networks are all `internal: true` (moby/moby#36174): the `ports:` entry silently does nothing. This is where two good pieces of advice collide, binding a database to 127.0.0.1 and putting it on an internal network: you cannot have both on one service. Either reach the database through a service that is on the internal network and on a second, non-internal one (an API, or an admin tool bound to 127.0.0.1), or drop the port.',
    category: 'network',
    severity: 'error',
    securitySeverity: 3.0,
    recommended: true,
    fixable: false,
    messages: {
      ignored: 'port "{{port}}" of service "{{service}}" is never published: its only network{{plural}} {{networks}} {{verb}} internal, and Docker does not publish ports on internal networks; drop the port and reach "{{service}}" through a service that also joins a non-internal network, or attach "{{service}}" to a second, non-internal network if the host really needs this port',
    },
    references: ['moby/moby issue 36174: ports are not published for containers on internal networks only', 'network-isolation guide: "Use internal: true for backend networks" and "Bind database ports to 127.0.0.1 only"'],
    tags: ['correctness', 'network-isolation'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      if (service.ports.length === 0 || graph.attachment(service).kind !== 'networks') continue;
      const networks = graph.networksOf(service);
      if (networks.length === 0 || !networks.every((n) => n.internal === true)) continue;
      const names = networks.map((n) => `"${n.name}"`).join(', ');
      const many = networks.length > 1;
      for (const port of service.ports) {
        report({
          messageId: 'ignored',
          data: { port: port.text, service: service.name, networks: names, plural: many ? 's' : '', verb: many ? 'are' : 'is' },
          at: port.portAt,
          service,
        });
      }
    }
  },
});
