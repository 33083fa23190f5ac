import { defineRule } from '../../src/engine/rule.js';
import { get, isScalar, type LNode } from '../../src/model/node.js';

/** Each resource and the service keys that limit it (besides deploy.resources.limits.<limitKey>). */
const RESOURCES: { name: string; keys: string[]; limitKey: string }[] = [
  { name: 'memory', keys: ['mem_limit'], limitKey: 'memory' },
  { name: 'CPU', keys: ['cpus', 'cpu_quota', 'cpu_count', 'cpu_percent'], limitKey: 'cpus' },
  { name: 'pids', keys: ['pids_limit'], limitKey: 'pids' },
];

/**
 * 0 and -1 mean "no limit" for these settings, however written: `0.000` CPUs, `"0"`, `0m` of
 * memory (zero bytes in any unit), as Docker reads them.
 */
function unlimited(node: LNode): boolean {
  if (!isScalar(node) || node.unknown || (typeof node.value !== 'number' && typeof node.value !== 'string')) return false;
  const number = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*(?:[kmgtp]?i?b?)?\s*$/i.exec(String(node.value));
  return number !== null && (Number(number[1]) === 0 || Number(number[1]) === -1);
}

export const requireResourceLimits = defineRule({
  meta: {
    id: 'require-resource-limits',
    title: 'Limit memory, CPU and process count',
    description:
      'Without limits one container can take all of the host\'s memory (the kernel then kills other processes), all CPU time, or all PIDs (a fork bomb stops the whole host). Set `mem_limit`, `cpus` and `pids_limit`, or `deploy.resources.limits` `memory`, `cpus` and `pids`, whatever the file version: unlike KICS, this does not depend on a `version:` key. One finding per service names the missing limits; `0` or `-1` (unlimited), however written (`cpus: "0.000"`, `mem_limit: 0m`), is reported at the value.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 4.0,
    recommended: false,
    fixable: false,
    absenceMessages: ['missing'],
    messages: {
      missing: 'service "{{service}}" has no {{missing}} limit; set {{keys}} so it cannot exhaust the host',
      unlimited: 'service "{{service}}" sets {{key}}: {{value}}, which means no {{resource}} limit; set a real limit',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.10: Ensure that the memory usage for containers is limited',
      'CIS Docker Benchmark v1.6.0 5.11: Ensure that CPU priority is set appropriately on containers',
      'CIS Docker Benchmark v1.6.0 5.28: Ensure that the PIDs cgroup limit is used',
      'OWASP Docker Security Cheat Sheet RULE #7: Limit resources (memory, CPU, file descriptors, processes, restarts)',
      'KICS: Memory Not Limited',
      'KICS: Cpus Not Limited',
      'KICS: Pids Limit Not Set',
    ],
    tags: ['security', 'resources'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      const limits = get(get(get(service.node, 'deploy'), 'resources'), 'limits');
      const missing: string[] = [];
      const keys: string[] = [];
      for (const resource of RESOURCES) {
        const set = [...resource.keys.map((k) => [k, get(service.node, k)] as const), [`deploy.resources.limits.${resource.limitKey}`, get(limits, resource.limitKey)] as const]
          .filter((pair): pair is readonly [string, LNode] => pair[1] !== undefined && !(isScalar(pair[1]) && pair[1].value === null));
        if (set.length === 0) {
          missing.push(resource.name);
          keys.push(resource.keys[0]!);
          continue;
        }
        for (const [key, node] of set) {
          if (unlimited(node)) report({ messageId: 'unlimited', data: { service: service.name, key, value: String((node as { value: unknown }).value), resource: resource.name }, at: node, service });
        }
      }
      if (missing.length > 0) {
        report({ messageId: 'missing', data: { service: service.name, missing: missing.join(', '), keys: keys.join(', ') }, at: service.keyLoc, service });
      }
    }
  },
});
