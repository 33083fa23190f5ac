import { defineRule } from '../../src/engine/rule.js';
import { isInterpolated } from '../../src/hardening/values.js';

export const noPrivilegedHostPort = defineRule({
  meta: {
    id: 'no-privileged-host-port',
    title: 'Do not publish on privileged host ports (below 1024)',
    description:
      'Ports below 1024 are reserved for system services: publishing one needs the rootful daemon, and a container on port 22, 53 or 80 can take over a role the host (or another service) expects to own. Publish on a high port behind a reverse proxy or load balancer. Ranges that start below 1024 count.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 3.0,
    recommended: false,
    fixable: false,
    messages: {
      privilegedPort: 'service "{{service}}" publishes host port {{published}}, below 1024; publish on a port from 1024 up (e.g. behind a reverse proxy)',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.7: Ensure privileged ports are not mapped within containers',
      'KICS: Privileged Ports Mapped In Container',
    ],
    tags: ['security', 'network'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      for (const port of service.ports) {
        const published = port.published?.trim();
        if (!published || isInterpolated(published)) continue;
        const start = Number(published.split('-')[0]);
        if (Number.isInteger(start) && start > 0 && start < 1024) report({ messageId: 'privilegedPort', data: { service: service.name, published }, at: port.portAt, service });
      }
    }
  },
});
