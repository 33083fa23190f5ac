import { defineRule } from '../../src/engine/rule.js';
import { bool, get } from '../../src/model/node.js';

export const noPrivileged = defineRule({
  meta: {
    id: 'no-privileged',
    title: 'Do not run privileged containers',
    description:
      '`privileged: true` gives the container every capability, every host device, and turns off seccomp, AppArmor/SELinux confinement and the read-only `/proc` and `/sys` masks. Root in such a container is root on the host: it can mount the host disk or load a kernel module.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 9.0,
    recommended: true,
    fixable: true,
    messages: {
      privileged: 'service "{{service}}" runs privileged: root in it is root on the host; grant the specific capabilities or devices it needs instead',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.4: Ensure that privileged containers are not used',
      'OWASP Docker Security Cheat Sheet RULE #3: Limit capabilities',
      'KICS: Privileged Containers Enabled',
      'semgrep: yaml.docker-compose.security.privileged-service.privileged-service',
    ],
    tags: ['security', 'privilege'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      const node = get(service.node, 'privileged');
      if (bool(node) === true) report({ messageId: 'privileged', data: { service: service.name }, at: node!, service });
    }
  },
});
