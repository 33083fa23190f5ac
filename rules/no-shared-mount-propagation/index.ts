import { defineRule } from '../../src/engine/rule.js';
import { get } from '../../src/model/node.js';

export const noSharedMountPropagation = defineRule({
  meta: {
    id: 'no-shared-mount-propagation',
    title: 'Do not use shared mount propagation on bind mounts',
    description:
      'With `shared`/`rshared` propagation, mounts the container makes under the bind mount appear on the host too: a compromised container can mount over host paths. `slave`/`rslave` only propagate host mounts into the container, so they are reported as notes. The default, `rprivate`, propagates nothing.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 5.5,
    recommended: true,
    fixable: false,
    messages: {
      shared: 'service "{{service}}" bind-mounts {{target}} with {{propagation}} propagation: mounts made in the container appear on the host; use the default (rprivate)',
      slave: 'service "{{service}}" bind-mounts {{target}} with {{propagation}} propagation: host mounts appear in the container; use the default (rprivate) unless it must see them',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.19: Ensure mount propagation mode is not set to shared',
      'KICS: none for docker-compose',
    ],
    tags: ['security', 'isolation'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      for (const mount of service.mounts) {
        const propagation = mount.propagation?.toLowerCase();
        if (mount.type !== 'bind' || !propagation) continue;
        const at = mount.longSyntax ? (get(get(mount.node, 'bind'), 'propagation') ?? mount.node) : mount.node;
        const data = { service: service.name, target: mount.target ?? '?', propagation };
        if (propagation === 'shared' || propagation === 'rshared') report({ messageId: 'shared', data, at, service });
        else if (propagation === 'slave' || propagation === 'rslave') report({ messageId: 'slave', data, at, service, severity: 'note' });
      }
    }
  },
});
