/**
 * The `compact` format: one line per finding, `path:line:column: severity: message [rule-id]`,
 * as GCC prints diagnostics, which vim's errorformat, Emacs compilation mode and grep read.
 * Suppressed findings are left out. Messages go through printable(): a line break in a value
 * (control characters too) is written `\x0a`, so one finding is always one line.
 */
import type { LintResult } from '../types.js';
import { FILE_ERROR_CHECK, ordered } from './common.js';
import type { ReportContext } from './index.js';
import { printable } from './printable.js';

export function formatCompact(result: LintResult, _context: ReportContext): string {
  const lines: string[] = [];
  for (const file of ordered(result)) {
    if (file.error) {
      // Editors need a position: the start of the file when the error has none.
      const { line = 1, column = 1, message } = file.error;
      const path = printable(file.file);
      lines.push(`${path}:${line}:${column}: error: cannot lint ${path}: ${printable(message)} [${FILE_ERROR_CHECK}]`);
    }
    for (const f of file.findings) {
      if (f.suppression) continue;
      lines.push(`${printable(f.file)}:${f.line}:${f.column}: ${f.severity}: ${printable(f.message)} [${f.ruleId}]`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
