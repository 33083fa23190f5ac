import { defineRule } from '../../src/engine/rule.js';
import { bool, get } from '../../src/model/node.js';

export const requireReadOnlyRootfs = defineRule({
  meta: {
    id: 'require-read-only-rootfs',
    title: 'Run with a read-only root filesystem',
    description:
      'With `read_only: true` an attacker cannot drop tools, modify binaries or plant persistence in the container\'s filesystem; writable state goes to named volumes and `tmpfs` mounts, which also documents where the service writes. Reported at `read_only: false`, or at the service name when the key is absent.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 4.0,
    recommended: false,
    fixable: false,
    absenceMessages: ['missing'],
    messages: {
      missing: 'service "{{service}}" has a writable root filesystem; set read_only: true and mount volumes or tmpfs where it writes',
      disabled: 'service "{{service}}" sets read_only: false; set it to true and mount volumes or tmpfs where it writes',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.12: Ensure that the container\'s root filesystem is mounted as read only',
      'OWASP Docker Security Cheat Sheet RULE #8: Set filesystem and volumes to read-only',
      'semgrep: yaml.docker-compose.security.writable-filesystem-service.writable-filesystem-service',
    ],
    tags: ['security', 'immutability'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      const node = get(service.node, 'read_only');
      const value = bool(node);
      if (value === true || (node !== undefined && value === undefined)) continue; // true, or interpolated
      if (node === undefined) report({ messageId: 'missing', data: { service: service.name }, at: service.keyLoc, service });
      else report({ messageId: 'disabled', data: { service: service.name }, at: node, service });
    }
  },
});
