import type { LintResult } from '../types.js';
import type { ReportContext } from './index.js';

export function formatSarif(result: LintResult, _context: ReportContext): string {
  return JSON.stringify(result, null, 2) + '\n';
}
