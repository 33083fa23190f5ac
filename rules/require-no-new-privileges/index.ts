import { defineRule } from '../../src/engine/rule.js';
import { securityOpts } from '../../src/hardening/security-opt.js';
import { keyNode } from '../../src/hardening/values.js';

export const requireNoNewPrivileges = defineRule({
  meta: {
    id: 'require-no-new-privileges',
    title: 'Set no-new-privileges',
    description:
      'Without `security_opt: [no-new-privileges:true]`, a process in the container can gain privileges through setuid/setgid binaries or file capabilities (e.g. `su`, `sudo`, a vulnerable setuid helper in the image). The option costs nothing for almost every service. Reported once per service: at `security_opt` when it exists without the option, else at the service name.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 4.0,
    recommended: true,
    fixable: true,
    absenceMessages: ['missing'],
    messages: {
      missing: 'service "{{service}}" does not set security_opt no-new-privileges:true, so setuid binaries can raise privileges in it',
      disabled: 'service "{{service}}" sets {{option}}: setuid binaries can raise privileges in it; use no-new-privileges:true',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.25: Ensure that the container is restricted from acquiring additional privileges',
      'OWASP Docker Security Cheat Sheet RULE #4: Prevent in-container privilege escalation',
      'KICS: No New Privileges Not Set',
      'semgrep: yaml.docker-compose.security.no-new-privileges.no-new-privileges',
    ],
    tags: ['security', 'privilege'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      const { opts, incomplete } = securityOpts(service.node);
      const option = opts.filter((o) => o.key === 'no-new-privileges').pop();
      if (option) {
        if (option.value !== undefined && /^(false|0|no)$/i.test(option.value)) {
          report({ messageId: 'disabled', data: { service: service.name, option: String(option.node.value).trim() }, at: option.node, service });
        }
        continue;
      }
      if (incomplete) continue;
      report({ messageId: 'missing', data: { service: service.name }, at: keyNode(service.node, 'security_opt') ?? service.keyLoc, service });
    }
  },
});
