/** Unified diff of two texts (`--fix-dry-run`): hunks by jsdiff (Myers' algorithm, linear in the file for the few lines fixes change). */
import { formatPatch, OMIT_HEADERS, structuredPatch } from 'diff';
import { printable } from '../reporters/printable.js';

export function unifiedDiff(before: string, after: string, file: string, context = 3): string {
  if (before === after) return '';
  const shown = printable(file.replace(/^\/+/, ''));
  // Our own file headers: jsdiff would quote a name with non-ASCII characters in C style.
  const hunks = formatPatch(structuredPatch('a', 'b', before, after, undefined, undefined, { context }), OMIT_HEADERS);
  return `--- a/${shown}\n+++ b/${shown}\n${hunks}`;
}
