/** The exit code under the configured policy. Suppressed findings never count. */
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from '../engine/exit.js';
import { severityRank } from '../engine/config.js';
import type { LintResult } from '../types.js';
import type { FailOn } from './types.js';

export interface FailPolicy {
  failOn: FailOn;
  /** Fail when more unsuppressed warnings than this are found; -1 means any number. */
  maxWarnings: number;
}

export function exitCodeFor(result: LintResult, policy: FailPolicy): number {
  if (result.results.some((r) => r.error || r.findings.some((f) => f.ruleId === 'internal-error'))) return EXIT_ERROR;
  const threshold = policy.failOn === 'never' ? Infinity : severityRank(policy.failOn);
  let warnings = 0;
  let failing = false;
  for (const file of result.results) {
    for (const finding of file.findings) {
      if (finding.suppression) continue;
      if (finding.severity === 'warning') warnings++;
      if (severityRank(finding.severity) >= threshold) failing = true;
    }
  }
  if (failing) return EXIT_FINDINGS;
  if (policy.maxWarnings >= 0 && warnings > policy.maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}
