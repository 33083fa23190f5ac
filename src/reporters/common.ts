/** Helpers every reporter shares: rule lookup, docs links, ordering, counts and source text. */
import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { compareFindings } from '../engine/engine.js';
import type { RuleMeta } from '../engine/rule.js';
import type { FileResult, Finding, LintResult } from '../types.js';
import { DOCS_BASE } from '../version.js';

/** Rule metadata may carry its own docs page; otherwise it lives next to the generated rule docs. */
export function docsUrl(ruleId: string, meta?: RuleMeta): string {
  const own = (meta as (RuleMeta & { docsUrl?: string }) | undefined)?.docsUrl;
  return own ?? `${DOCS_BASE}/${ruleId}.md`;
}

export function ruleIndex(rules: readonly RuleMeta[]): Map<string, RuleMeta> {
  return new Map(rules.map((meta) => [meta.id, meta]));
}

/** Files in the order given, each file's findings in source order: the same input always prints the same report. */
export function ordered(result: LintResult): FileResult[] {
  return result.results.map((r) => ({ ...r, findings: [...r.findings].sort(compareFindings) }));
}

export interface Counts {
  files: number;
  unreadable: number;
  errors: number;
  warnings: number;
  notes: number;
  fixable: number;
  /** Hidden by a directive, the config or a baseline: not in the other counts. */
  suppressed: number;
}

export function countAll(result: LintResult): Counts {
  const counts: Counts = { files: result.results.length, unreadable: 0, errors: 0, warnings: 0, notes: 0, fixable: 0, suppressed: 0 };
  for (const file of result.results) {
    if (file.error) counts.unreadable++;
    for (const finding of file.findings) {
      if (finding.suppression) {
        counts.suppressed++;
        continue;
      }
      if (finding.severity === 'error') counts.errors++;
      else if (finding.severity === 'warning') counts.warnings++;
      else counts.notes++;
      if (finding.fix) counts.fixable++;
    }
  }
  return counts;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Code frames are a convenience: files bigger than this are not re-read for them. */
const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

/** The file's text: carried on the result when the linter kept it, else read once from disk if it is still there. */
export function sourceOf(file: FileResult, cwd: string): string | undefined {
  if (file.source !== undefined) return file.source;
  const path = resolve(cwd, file.file);
  try {
    if (statSync(path).size > MAX_SOURCE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function isInternalError(finding: Finding): boolean {
  return finding.ruleId === 'internal-error';
}

/** Paths as forward-slash strings, as SARIF and GitHub expect, on every platform. */
export function toPosix(path: string): string {
  return sep === '\\' ? path.replace(/\\/g, '/') : path;
}

/** The name a file that could not be linted is reported under where a rule id stands (the github format's title). */
export const FILE_ERROR_CHECK = 'compose-lint';
