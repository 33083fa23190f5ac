import { defineRule } from '../../src/engine/rule.js';
import { securityOpts } from '../../src/hardening/security-opt.js';

/** `key` -> values that switch the confinement off, and what is lost. */
const UNCONFINED: Record<string, { values: RegExp; lost: string }> = {
  seccomp: { values: /^unconfined$/i, lost: 'the seccomp syscall filter (hundreds of kernel entry points become reachable)' },
  apparmor: { values: /^unconfined$/i, lost: 'the AppArmor profile' },
  label: { values: /^(disable|type:spc_t|type:unconfined_t)$/i, lost: 'SELinux separation' },
  systempaths: { values: /^unconfined$/i, lost: 'the masking of sensitive /proc and /sys paths' },
};

export const noUnconfinedSecurityProfile = defineRule({
  meta: {
    id: 'no-unconfined-security-profile',
    title: 'Do not disable seccomp, AppArmor, SELinux or path masking',
    description:
      'Docker confines every container with a seccomp filter, an AppArmor profile or SELinux label, and masks sensitive `/proc` and `/sys` paths. `security_opt` entries `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` (or `label:type:spc_t`) and `systempaths=unconfined`, in either the `:` or `=` form, turn these defences off, which makes many kernel and container escapes possible again.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 7.5,
    recommended: true,
    fixable: true,
    messages: {
      unconfined: 'service "{{service}}" sets security_opt {{option}}, which disables {{lost}}; remove it, or write a custom profile that allows only what is needed',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.21: Ensure the default seccomp profile is not Disabled',
      'CIS Docker Benchmark v1.6.0 5.1: Ensure that, if applicable, an AppArmor Profile is enabled',
      'CIS Docker Benchmark v1.6.0 5.2: Ensure that, if applicable, SELinux security options are set',
      'OWASP Docker Security Cheat Sheet RULE #6: Use Linux Security Module (seccomp, AppArmor, or SELinux)',
      'KICS: Default Seccomp Profile Disabled',
      'semgrep: yaml.docker-compose.security.seccomp-confinement-disabled.seccomp-confinement-disabled',
      'semgrep: yaml.docker-compose.security.selinux-separation-disabled.selinux-separation-disabled',
    ],
    tags: ['security', 'isolation'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      for (const opt of securityOpts(service.node).opts) {
        const rule = UNCONFINED[opt.key];
        if (!rule || opt.value === undefined || !rule.values.test(opt.value)) continue;
        report({ messageId: 'unconfined', data: { service: service.name, option: String(opt.node.value).trim(), lost: rule.lost }, at: opt.node, service });
      }
    }
  },
});
