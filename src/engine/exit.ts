/** Exit codes: 0 clean, 1 findings that fail the run, 2 usage or I/O error. */
import type { LintResult } from '../types.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface ExitPolicy {
  /** Fail when more warnings than this are found; -1 means any number is fine. */
  maxWarnings: number;
}

export function countFindings(result: LintResult): { errors: number; warnings: number; notes: number } {
  const counts = { errors: 0, warnings: 0, notes: 0 };
  for (const file of result.results) {
    for (const finding of file.findings) {
      // Suppressed findings were accepted with a reason: they never fail the run.
      if (finding.suppression) continue;
      if (finding.severity === 'error') counts.errors++;
      else if (finding.severity === 'warning') counts.warnings++;
      else counts.notes++;
    }
  }
  return counts;
}

export function exitCode(result: LintResult, policy: ExitPolicy): number {
  const internal = result.results.some((r) => r.error || r.findings.some((f) => f.ruleId === 'internal-error'));
  if (internal) return EXIT_ERROR;
  const { errors, warnings } = countFindings(result);
  if (errors > 0) return EXIT_FINDINGS;
  if (policy.maxWarnings >= 0 && warnings > policy.maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}
