/** Config exclusions (`rules.<id>.exclude.services`): suppressions of kind `external`, carrying the configured reason. */
import type { Finding } from '../types.js';

export function applyExclusions(findings: Finding[], excludes: Map<string, Map<string, string>>): Finding[] {
  if (excludes.size === 0) return findings;
  return findings.map((finding) => {
    if (finding.suppression || finding.service === undefined) return finding;
    const reason = excludes.get(finding.ruleId)?.get(finding.service);
    return reason === undefined ? finding : { ...finding, suppression: { kind: 'external', justification: reason } };
  });
}
