import { defineRule } from '../../src/engine/rule.js';
import { get, isScalar } from '../../src/model/node.js';

export const noCgroupParent = defineRule({
  meta: {
    id: 'no-cgroup-parent',
    title: 'Do not set cgroup_parent',
    description:
      '`cgroup_parent` places the container under a cgroup of your choosing instead of Docker\'s own. The limits, accounting and device rules Docker sets for the container then depend on that cgroup, and a mistake (or a shared parent) lets it escape its resource limits or starve other workloads.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 3.5,
    recommended: false,
    fixable: false,
    messages: {
      cgroupParent: 'service "{{service}}" sets cgroup_parent: its resource limits depend on a cgroup Docker does not manage; remove it unless that cgroup is meant to constrain it',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.24: Ensure that cgroup usage is confirmed',
      'KICS: Cgroup Not Default',
    ],
    tags: ['security', 'resources'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      const node = get(service.node, 'cgroup_parent');
      if (isScalar(node) && node.value !== null && node.value !== '') report({ messageId: 'cgroupParent', data: { service: service.name }, at: node, service });
    }
  },
});
