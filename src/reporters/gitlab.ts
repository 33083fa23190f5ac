/**
 * The `gitlab` format: a GitLab Code Quality report (`artifacts: reports: codequality:`), a
 * subset of the CodeClimate issue format. What GitLab reads of each issue, and all we write:
 * - `description`: the message; `check_name`: the rule id;
 * - `fingerprint`: unique within the report (GitLab keeps one issue per fingerprint) and stable
 *   across runs, which is how a merge request tells new issues from fixed ones;
 * - `severity`: info, minor, major, critical or blocker;
 * - `location.path`: relative to the repository root, forward slashes, no `./`;
 *   `location.lines.begin` (and `end`);
 * - `categories` (CodeClimate's, GitLab shows them): `Security` for the security rules.
 * The report is a JSON array, `[]` when there is nothing to report.
 */
import { posix } from 'node:path';
import { fingerprint } from '../baseline/fingerprint.js';
import type { RuleMeta } from '../engine/rule.js';
import type { Finding, LintResult, Severity } from '../types.js';
import { FILE_ERROR_CHECK, ordered, ruleIndex, sourceOf, toPosix } from './common.js';
import type { ReportContext } from './index.js';
import { maskedSources } from './mask.js';
import { fingerprintBase, fromSourceRoot, sourceRoot } from './sarif.js';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number; end: number } };
  categories?: ['Security'];
}

/**
 * The finding's level, refined by the rule's security severity (GitHub's bands: 9.0 critical,
 * 7.0 high): an error of 9.0 or more is a blocker, a warning of 7.0 or more major. The level
 * stays the user's choice: a rule turned down to a note is info whatever its security severity.
 */
export function gitlabSeverity(severity: Severity, meta: RuleMeta | undefined): GitlabSeverity {
  const security = meta?.securitySeverity ?? 0;
  if (severity === 'error') return security >= 9 ? 'blocker' : 'critical';
  if (severity === 'warning') return security >= 7 ? 'major' : 'minor';
  return 'info';
}

/**
 * Relative to the repository root (the directory holding `.git` above the working directory, as
 * SARIF's %SRCROOT%; else the working directory), which is what GitLab resolves report paths against,
 * wherever in the repository the job runs compose-lint. Forward slashes, no `./`; absolute outside it.
 */
export function gitlabPath(file: string, cwd: string, root = sourceRoot(cwd)): string {
  return posix.normalize(toPosix(fromSourceRoot(file, cwd, root)));
}

/** An exclusive end at column 1 covers nothing of its line: the range ends on the line before. */
function lastLine(f: Finding): number {
  return f.endColumn === 1 && f.endLine > f.line ? f.endLine - 1 : f.endLine;
}

export function toGitlab(result: LintResult, context: ReportContext): GitlabIssue[] {
  const metas = ruleIndex(context.rules);
  const issues: GitlabIssue[] = [];
  // Fingerprints as SARIF's partialFingerprints: the same base, numbered over every finding,
  // suppressed ones too, so that suppressing one of two identical findings renumbers neither.
  const seen = new Map<string, number>();
  const numbered = (base: string): string => {
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return `${base}:${occurrence}`;
  };
  const root = sourceRoot(context.cwd);
  for (const file of ordered(result)) {
    const sourceText = maskedSources(file, (path) => sourceOf({ file: path, findings: [] }, context.cwd));
    if (file.error) {
      const { line = 1, message } = file.error;
      // One per file, identified by the file alone (no position, no message, which may name machine paths).
      const unlinted: Finding = { ruleId: FILE_ERROR_CHECK, severity: 'error', message: '', file: file.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
      const base = fingerprint(unlinted, toPosix(fromSourceRoot(file.file, context.cwd, root)), undefined);
      issues.push({
        description: `cannot lint ${file.file}: ${message}`,
        check_name: FILE_ERROR_CHECK,
        fingerprint: numbered(base),
        severity: 'critical',
        location: { path: gitlabPath(file.file, context.cwd, root), lines: { begin: line, end: line } },
      });
    }
    for (const f of file.findings) {
      const print = numbered(fingerprintBase(f, fromSourceRoot(f.file, context.cwd, root), sourceText(f.file)));
      if (f.suppression) continue;
      const meta = metas.get(f.ruleId);
      const issue: GitlabIssue = {
        description: f.message,
        check_name: f.ruleId,
        fingerprint: print,
        severity: gitlabSeverity(f.severity, meta),
        location: { path: gitlabPath(f.file, context.cwd, root), lines: { begin: f.line, end: lastLine(f) } },
      };
      if (meta?.category === 'network' || meta?.category === 'hardening') issue.categories = ['Security'];
      issues.push(issue);
    }
  }
  return issues;
}

export function formatGitlab(result: LintResult, context: ReportContext): string {
  return JSON.stringify(toGitlab(result, context), null, 2) + '\n';
}
