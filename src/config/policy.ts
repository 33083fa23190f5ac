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
  const failing = result.results.some((file) => file.findings.some((f) => !f.suppression && severityRank(f.severity) >= threshold));
  if (failing || warningsOverLimit(result, policy) !== undefined) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** The number of unsuppressed warnings when it is over `maxWarnings` (counted even when --quiet hides them), else undefined. */
export function warningsOverLimit(result: LintResult, policy: FailPolicy): number | undefined {
  if (policy.maxWarnings < 0) return undefined;
  let warnings = 0;
  for (const file of result.results) for (const f of file.findings) if (!f.suppression && f.severity === 'warning') warnings++;
  return warnings > policy.maxWarnings ? warnings : undefined;
}
