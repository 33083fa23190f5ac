import { defineRule } from '../../src/engine/rule.js';
import { bool, get, str } from '../../src/model/node.js';
import { scalarItems } from '../../src/hardening/values.js';

export const noPrivileged = defineRule({
  meta: {
    id: 'no-privileged',
    title: 'Do not run privileged containers',
    description:
      '`privileged: true` gives the container every capability, every host device, and turns off seccomp, AppArmor/SELinux confinement and the read-only `/proc` and `/sys` masks. Root in such a container is root on the host: it can mount the host disk or load a kernel module. A build with `build.privileged: true` or the `security.insecure` entitlement runs its RUN steps that way on the builder: a warning.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 9.0,
    recommended: true,
    fixable: true,
    messages: {
      privileged: 'service "{{service}}" runs privileged: root in it is root on the host; grant the specific capabilities or devices it needs instead',
      buildPrivileged: 'service "{{service}}" builds with {{setting}}: the RUN steps of its Dockerfile run with every capability on the builder host, and so does whatever a base image or the build context brings; build without it',
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
      const build = get(service.node, 'build');
      const buildNode = get(build, 'privileged');
      if (bool(buildNode) === true) report({ messageId: 'buildPrivileged', data: { service: service.name, setting: 'privileged: true' }, at: buildNode!, service, severity: 'warning' });
      for (const item of scalarItems(get(build, 'entitlements'))) {
        if (str(item)?.trim() === 'security.insecure') report({ messageId: 'buildPrivileged', data: { service: service.name, setting: 'the security.insecure entitlement' }, at: item, service, severity: 'warning' });
      }
    }
  },
});
