/**
 * The `json` format: a flat, documented shape (docs/json-output.md, schema in
 * docs/json-output.schema.json). The same object is what the library API returns,
 * so it is a typed interface rather than whatever LintResult happens to hold.
 */
import type { RuleMeta } from '../engine/rule.js';
import type { LintResult, Severity, Suppression } from '../types.js';
import { countAll, docsUrl, ordered, ruleIndex } from './common.js';
import type { ReportContext } from './index.js';

/** Bumped only for incompatible changes; fields may be added within a version. */
export const JSON_FORMAT_VERSION = 1;

export interface JsonFixEdit {
  file: string;
  /** UTF-16 code unit offsets into the file text; `end` is exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface JsonFix {
  description: string;
  edits: JsonFixEdit[];
}

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId: string | null;
  file: string;
  /** 1-based; the end is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The service the finding concerns, or null. */
  service: string | null;
  /** The network the finding concerns, or null. */
  network: string | null;
  docsUrl: string;
  fix: JsonFix | null;
  /** Set when a directive, the config or a baseline hides the finding; it is then not counted in the summary. */
  suppression: JsonSuppression | null;
}

export interface JsonSuppression {
  kind: Suppression['kind'];
  justification: string | null;
}

export interface JsonFileError {
  file: string;
  message: string;
  line: number | null;
  column: number | null;
}

export interface JsonSummary {
  files: number;
  unreadableFiles: number;
  errors: number;
  warnings: number;
  notes: number;
  fixable: number;
  suppressed: number;
}

export interface JsonReport {
  formatVersion: typeof JSON_FORMAT_VERSION;
  tool: { name: 'compose-lint'; version: string };
  /** Every file that was given, in order, including unreadable ones. */
  files: string[];
  findings: JsonFinding[];
  fileErrors: JsonFileError[];
  summary: JsonSummary;
}

export function toJsonReport(result: LintResult, context: Pick<ReportContext, 'rules' | 'toolVersion'>): JsonReport {
  const metas: Map<string, RuleMeta> = ruleIndex(context.rules);
  const files = ordered(result);
  const findings: JsonFinding[] = [];
  const fileErrors: JsonFileError[] = [];
  for (const file of files) {
    if (file.error) {
      fileErrors.push({ file: file.file, message: file.error.message, line: file.error.line ?? null, column: file.error.column ?? null });
    }
    for (const f of file.findings) {
      findings.push({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        messageId: f.messageId ?? null,
        file: f.file,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        service: f.service ?? null,
        network: f.network ?? null,
        docsUrl: docsUrl(f.ruleId, metas.get(f.ruleId)),
        fix: f.fix
          ? { description: f.fix.description, edits: f.fix.edits.map((e) => ({ file: e.file, start: e.start, end: e.end, text: e.text })) }
          : null,
        suppression: f.suppression ? { kind: f.suppression.kind, justification: f.suppression.justification ?? null } : null,
      });
    }
  }
  const counts = countAll(result);
  return {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: 'compose-lint', version: context.toolVersion },
    files: files.map((f) => f.file),
    findings,
    fileErrors,
    summary: {
      files: counts.files,
      unreadableFiles: counts.unreadable,
      errors: counts.errors,
      warnings: counts.warnings,
      notes: counts.notes,
      fixable: counts.fixable,
      suppressed: counts.suppressed,
    },
  };
}

export function formatJson(result: LintResult, context: ReportContext): string {
  return JSON.stringify(toJsonReport(result, context), null, 2) + '\n';
}
