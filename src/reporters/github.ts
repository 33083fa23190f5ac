/**
 * The `github` format: GitHub Actions workflow commands, which the runner turns
 * into annotations on the pull request. Escaping follows the runner's own
 * (actions/toolkit `command.ts`): data escapes %, CR and LF; property values also : and ,.
 */
import type { LintResult, Severity } from '../types.js';
import { FILE_ERROR_CHECK, ordered, toPosix } from './common.js';
import type { ReportContext } from './index.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: [string, string | number | undefined][], message: string): string {
  const props = properties
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ' ' + props : ''}::${escapeData(message)}`;
}

export function formatGithub(result: LintResult, _context: ReportContext): string {
  const lines: string[] = [];
  for (const file of ordered(result)) {
    if (file.error) {
      const { line, column, message } = file.error;
      lines.push(command('error', [['file', toPosix(file.file)], ['line', line], ['col', column], ['title', FILE_ERROR_CHECK]], `cannot lint ${file.file}: ${message}`));
    }
    for (const f of file.findings) {
      if (f.suppression) continue;
      lines.push(
        command(
          COMMAND[f.severity],
          // GitHub takes columns only for a span on one line (@actions/core AnnotationProperties).
          f.endLine === f.line
            ? [['file', toPosix(f.file)], ['line', f.line], ['col', f.column], ['endLine', f.endLine], ['endColumn', f.endColumn], ['title', f.ruleId]]
            : [['file', toPosix(f.file)], ['line', f.line], ['endLine', f.endLine], ['title', f.ruleId]],
          f.message,
        ),
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
