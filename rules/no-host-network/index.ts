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
    },
    references: ['CIS Docker Benchmark 5.10 (5.9 in v1.6): Ensure that the host\'s network namespace is not shared', 'KICS: Host Network Mode Enabled'],
    tags: ['security', 'network-isolation'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      if (service.networkMode?.kind === 'host') {
        report({ messageId: 'hostNetwork', data: { service: service.name }, at: service.networkMode.node, service });
      }
    }
  },
});
