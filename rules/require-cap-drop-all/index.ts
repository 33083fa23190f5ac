import { defineRule } from '../../src/engine/rule.js';
import { normalizeCapability } from '../../src/hardening/capabilities.js';
import { keyNode, scalarItems } from '../../src/hardening/values.js';
import { get, str } from '../../src/model/node.js';

export const requireCapDropAll = defineRule({
  meta: {
    id: 'require-cap-drop-all',
    title: 'Drop all capabilities and add back only what is needed',
    description:
      'Docker gives every container 14 capabilities by default (`CHOWN`, `DAC_OVERRIDE`, `NET_RAW`, `SETUID`, `MKNOD`...), most of which a service never uses and an attacker gladly does (ARP spoofing with `NET_RAW`, reading any file with `DAC_OVERRIDE`). `cap_drop: [ALL]` with a short `cap_add` list is least privilege. Reported at `cap_drop` when it does not drop ALL, else at the service name.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 4.0,
    recommended: false,
    fixable: false,
    absenceMessages: ['missing'],
    messages: {
      missing: 'service "{{service}}" keeps Docker\'s default capabilities; add cap_drop: [ALL] and cap_add only what it needs',
      partial: 'service "{{service}}" drops some capabilities but not ALL; use cap_drop: [ALL] and cap_add only what it needs',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.3: Ensure that Linux kernel capabilities are restricted within containers',
      'OWASP Docker Security Cheat Sheet RULE #3: Limit capabilities',
      'KICS: Container Capabilities Unrestricted',
    ],
    tags: ['security', 'privilege'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      const items = scalarItems(get(service.node, 'cap_drop'));
      const values = items.map((item) => str(item));
      if (values.some((v) => v === undefined || normalizeCapability(v) === 'ALL')) continue;
      const key = keyNode(service.node, 'cap_drop');
      report({ messageId: key ? 'partial' : 'missing', data: { service: service.name }, at: key ?? service.keyLoc, service });
    }
  },
});
