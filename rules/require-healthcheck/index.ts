import { defineRule } from '../../src/engine/rule.js';
import { scalarItems } from '../../src/hardening/values.js';
import { bool, get, str } from '../../src/model/node.js';

export const requireHealthcheck = defineRule({
  meta: {
    id: 'require-healthcheck',
    title: 'Define a healthcheck',
    description:
      'A healthcheck lets Docker (and `depends_on: condition: service_healthy`) tell a running container from a working one, so a hung or compromised service is noticed and restarted. Reported when a service has no `healthcheck`, or disables it (`disable: true`, `test: ["NONE"]`). A HEALTHCHECK in the image\'s Dockerfile is not visible to compose-lint: if the image has one, suppress the finding for that service.',
    category: 'hardening',
    severity: 'note',
    securitySeverity: 2.0,
    recommended: false,
    fixable: false,
    absenceMessages: ['missing'],
    messages: {
      missing: 'service "{{service}}" has no healthcheck in the compose file (one in the image is not visible here); add healthcheck: test: [...]',
      disabled: 'service "{{service}}" disables its healthcheck; define a test that shows the service works',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.26: Ensure that container health is checked at runtime',
      'KICS: Healthcheck Not Set',
    ],
    tags: ['security', 'availability'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      const healthcheck = get(service.node, 'healthcheck');
      if (healthcheck === undefined) {
        report({ messageId: 'missing', data: { service: service.name }, at: service.keyLoc, service });
        continue;
      }
      const disable = get(healthcheck, 'disable');
      if (bool(disable) === true) {
        report({ messageId: 'disabled', data: { service: service.name }, at: disable!, service });
        continue;
      }
      const test = get(healthcheck, 'test');
      const first = scalarItems(test)[0];
      if (first && str(first)?.trim().toUpperCase() === 'NONE') report({ messageId: 'disabled', data: { service: service.name }, at: test!, service });
    }
  },
});
