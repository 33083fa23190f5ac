/** The exit code under the configured policy. Suppressed findings never count. */
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from '../engine/exit.js';
import { severityRank } from '../engine/config.js';
import type { FileResult, Finding, LintResult } from '../types.js';
import type { FailOn } from './types.js';

export interface FailPolicy {
  failOn: FailOn;
  /** Fail when more unsuppressed warnings than this are found; -1 means any number. */
  maxWarnings: number;
}

/** One project with the policy of its config file. */
export interface PolicedResult {
  result: FileResult;
  policy: FailPolicy;
}

export interface OverLimit {
  /** The project over its config file's `maxWarnings`; absent for the run's own limit (`--max-warnings`). */
  file?: string;
  warnings: number;
  maximum: number;
}

export interface Verdict {
  code: number;
  /** Unsuppressed findings at or above their project's failOn (warnings only when no warning limit applies). */
  failing: Finding[];
  /** Warning limits exceeded. */
  overLimit: OverLimit[];
}

/**
 * The outcome of a run. Each project is judged by its own failOn and, without `runLimit`, its own
 * `maxWarnings`; `runLimit` (`--max-warnings`) replaces those per-project limits with one for the
 * total of the run, as ESLint's `--max-warnings` counts every warning of the run. A warning limit
 * replaces the threshold for warnings: under failOn `warning` or `note` they then fail only past it.
 * A project under failOn `never` never fails the run: no limit applies to it and its warnings are not counted.
 */
export function verdict(projects: PolicedResult[], runLimit?: number): Verdict {
  const failing: Finding[] = [];
  const overLimit: OverLimit[] = [];
  let broken = false;
  let total = 0;
  for (const { result, policy } of projects) {
    if (isBroken(result)) broken = true;
    const threshold = policy.failOn === 'never' ? Infinity : severityRank(policy.failOn);
    const limited = (runLimit ?? policy.maxWarnings) >= 0;
    let warnings = 0;
    for (const f of result.findings) {
      if (f.suppression) continue;
      if (f.severity === 'warning') {
        warnings++;
        if (limited) continue;
      }
      if (severityRank(f.severity) >= threshold) failing.push(f);
    }
    if (policy.failOn === 'never') continue;
    total += warnings;
    if (runLimit === undefined && policy.maxWarnings >= 0 && warnings > policy.maxWarnings) {
      overLimit.push({ file: result.file, warnings, maximum: policy.maxWarnings });
    }
  }
  if (runLimit !== undefined && runLimit >= 0 && total > runLimit) overLimit.push({ warnings: total, maximum: runLimit });
  const code = broken ? EXIT_ERROR : failing.length > 0 || overLimit.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  return { code, failing, overLimit };
}

/** Not completely checked: a file could not be read, or a rule crashed (exit code 2). */
export function isBroken(result: FileResult): boolean {
  return result.error !== undefined || result.findings.some((f) => f.ruleId === 'internal-error');
}

/** The exit code of a whole result under one policy; `maxWarnings` counts the warnings of all its files together. */
export function exitCodeFor(result: LintResult, policy: FailPolicy): number {
  return verdict(result.results.map((r) => ({ result: r, policy: { failOn: policy.failOn, maxWarnings: -1 } })), policy.maxWarnings).code;
}
