import { defineRule } from '../../src/engine/rule.js';
import { norm } from '../../src/hardening/values.js';
import { get, str } from '../../src/model/node.js';

export const noDisabledLogging = defineRule({
  meta: {
    id: 'no-disabled-logging',
    title: 'Do not disable container logging',
    description:
      '`logging.driver: none` (or the legacy `log_driver: none`) discards everything the container writes to stdout and stderr: incidents leave no trace and `docker logs` shows nothing.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 3.0,
    recommended: false,
    fixable: false,
    messages: {
      none: 'service "{{service}}" disables logging (driver: none); keep a logging driver (json-file or local with rotation, or a remote driver)',
    },
    references: [
      'OWASP Docker Security Cheat Sheet RULE #10: Keep the Docker daemon logging level at info',
    ],
    tags: ['security', 'audit'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      for (const node of [get(get(service.node, 'logging'), 'driver'), get(service.node, 'log_driver')]) {
        const value = str(node);
        if (value !== undefined && norm(value) === 'none') report({ messageId: 'none', data: { service: service.name }, at: node!, service });
      }
    }
  },
});
