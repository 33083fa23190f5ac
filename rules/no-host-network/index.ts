import { defineRule } from '../../src/engine/rule.js';

export const noHostNetwork = defineRule({
  meta: {
    id: 'no-host-network',
    title: 'Do not use host networking',
    description:
      '`network_mode: host` puts the container on the host\'s network stack: no isolation at all. It can bind any host port, reach every service listening on the host\'s loopback, and sniff or spoof traffic with the right capabilities. Compose networks, published ports and `internal: true` stop applying to it.',
    category: 'network',
    severity: 'error',
    securitySeverity: 8.0,
    recommended: true,
    fixable: false,
    messages: {
      hostNetwork: 'service "{{service}}" uses network_mode: host and shares the host\'s network stack; put it on a user-defined network and publish only the ports it needs',
      hostNetworkDatastore: '{{kind}} service "{{service}}" uses network_mode: host, so the datastore listens on every interface of the host, reachable by anyone who can reach the host, with no published port to bind to 127.0.0.1; put it on an internal user-defined network and, if the host needs it, publish its port on 127.0.0.1',
    },
    references: ['CIS Docker Benchmark 5.10 (5.9 in v1.6): Ensure that the host\'s network namespace is not shared', 'KICS: Host Network Mode Enabled'],
    tags: ['security', 'network-isolation'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      if (service.networkMode?.kind !== 'host') continue;
      // A datastore on the host's stack is exposed like a public port, which no-public-datastore-port cannot see.
      const datastore = graph.datastore(service);
      if (datastore) report({ messageId: 'hostNetworkDatastore', data: { service: service.name, kind: datastore.kind }, at: service.networkMode.node, service });
      else report({ messageId: 'hostNetwork', data: { service: service.name }, at: service.networkMode.node, service });
    }
  },
});
