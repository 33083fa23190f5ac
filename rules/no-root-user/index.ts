import { isRootName } from '../../src/hardening/host-sockets.js';
import { defineRule } from '../../src/engine/rule.js';
import { get, str } from '../../src/model/node.js';

export const noRootUser = defineRule({
  meta: {
    id: 'no-root-user',
    title: 'Do not run the container as root explicitly',
    description:
      '`user: root`, `user: 0` or `user: 0:<group>` makes the container\'s processes run as UID 0. Without user-namespace remapping that is the host\'s root: any escape, writable bind mount or added capability is a root compromise. Services without `user:` run as the image\'s USER, which compose-lint cannot see, so they are not reported.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 5.0,
    recommended: true,
    fixable: false,
    messages: {
      root: 'service "{{service}}" runs as root (user: {{user}}); run it as an unprivileged UID, e.g. user: "1000:1000"',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 4.1: Ensure that a user for the container has been created',
      'OWASP Docker Security Cheat Sheet RULE #2: Set a user',
    ],
    tags: ['security', 'privilege'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      const node = get(service.node, 'user');
      const user = str(node);
      if (user === undefined) continue;
      if (isRootName(user.trim().split(':')[0]!)) report({ messageId: 'root', data: { service: service.name, user: user.trim() }, at: node!, service });
    }
  },
});
