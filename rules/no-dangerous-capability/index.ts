import { defineRule } from '../../src/engine/rule.js';
import { capabilityRisk, normalizeCapability } from '../../src/hardening/capabilities.js';
import { scalarItems } from '../../src/hardening/values.js';
import { get, str } from '../../src/model/node.js';

export const noDangerousCapability = defineRule({
  meta: {
    id: 'no-dangerous-capability',
    title: 'Do not add dangerous Linux capabilities',
    description:
      'Each capability in `cap_add` lifts a kernel restriction for root in the container. Some are equivalent to root on the host (`ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`, `DAC_READ_SEARCH`, `BPF`...), others widen the attack surface (`NET_ADMIN`, `SYSLOG`, `SYS_RESOURCE`...). The severity follows what the capability grants; Docker\'s default capabilities (`NET_RAW`, `NET_BIND_SERVICE`, `CHOWN`...) are not reported. `CAP_` prefixes and lower case are understood.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 8.0,
    recommended: true,
    fixable: false,
    messages: {
      capability: 'service "{{service}}" adds capability {{capability}}, which {{grants}}; drop it or run the task that needs it separately',
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
      for (const node of scalarItems(get(service.node, 'cap_add'))) {
        const text = str(node);
        const risk = text === undefined ? undefined : capabilityRisk(text);
        if (!risk) continue;
        report({ messageId: 'capability', data: { service: service.name, capability: normalizeCapability(text!), grants: risk.grants }, at: node, service, severity: risk.severity });
      }
    }
  },
});
