import { defineRule } from '../../src/engine/rule.js';
import { capabilityRisk, normalizeCapability, type CapabilityRisk } from '../../src/hardening/capabilities.js';
import { scalarItems } from '../../src/hardening/values.js';
import { get, str } from '../../src/model/node.js';
import type { Service } from '../../src/model/project.js';

/**
 * Two capabilities reach the host only through a namespace the service shares with it: NET_ADMIN
 * acts on the host's network with host networking, SYS_PTRACE on the processes of the PID namespace
 * it joins (every host process with pid: host). Alone, each stays in the container.
 */
function inContext(capability: string, risk: CapabilityRisk, service: Service): CapabilityRisk {
  if (capability === 'NET_ADMIN' && service.networkMode?.kind === 'host') {
    return { severity: 'error', grants: "reconfigures the host's own interfaces, routes and firewall rules (host networking)" };
  }
  if (capability === 'SYS_PTRACE') {
    const pid = str(get(service.node, 'pid'))?.trim();
    if (pid === 'host') return { severity: 'error', grants: 'lets the container trace and inject code into every host process (pid: host)' };
    if (pid !== undefined && /^(?:service|container):/.test(pid)) return { severity: 'error', grants: `lets the container trace and inject code into the processes of ${pid} (it shares their PID namespace)` };
    return { severity: 'warning', grants: 'lets the container trace and inject code into its own processes (all host processes with pid: host) and widens the kernel attack surface' };
  }
  return risk;
}

export const noDangerousCapability = defineRule({
  meta: {
    id: 'no-dangerous-capability',
    title: 'Do not add dangerous Linux capabilities',
    description:
      'Each capability in `cap_add` lifts a kernel restriction for root in the container. Some are equivalent to root on the host (`ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`, `DAC_READ_SEARCH`, `BPF`...), others widen the attack surface (`NET_ADMIN`, `SYSLOG`, `SYS_RESOURCE`...). The severity follows what the capability grants where the service runs: `NET_ADMIN` with host networking and `SYS_PTRACE` with a shared PID namespace (`pid: host`, `service:x`) act on the host or other containers and are errors, a warning otherwise; Docker\'s default capabilities (`NET_RAW`, `NET_BIND_SERVICE`, `CHOWN`...) are not reported. `CAP_` prefixes and lower case are understood.',
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
        const found = text === undefined ? undefined : capabilityRisk(text);
        if (!found) continue;
        const capability = normalizeCapability(text!);
        const risk = inContext(capability, found, service);
        report({ messageId: 'capability', data: { service: service.name, capability, grants: risk.grants }, at: node, service, severity: risk.severity });
      }
    }
  },
});
