/** Exit codes: 0 clean, 1 findings that fail the run, 2 usage or I/O error. */
import type { FailOn } from '../config/types.js';
// The policy itself lives in one place (config/policy.ts); its import of the constants below is only used at call time.
import { exitCodeFor } from '../config/policy.js';
import type { LintResult } from '../types.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface ExitPolicy {
  /** Fail when more warnings than this are found; -1 means any number is fine. */
  maxWarnings: number;
  /** The lowest severity that fails the run (default `error`). */
  failOn?: FailOn;
}

export function exitCode(result: LintResult, policy: ExitPolicy): number {
  return exitCodeFor(result, { failOn: policy.failOn ?? 'error', maxWarnings: policy.maxWarnings });
}
