/** Unified diff of two texts (`--fix-dry-run`): hunks by jsdiff (Myers' algorithm, linear in the file for the few lines fixes change). */
import { formatPatch, OMIT_HEADERS, structuredPatch } from 'diff';
import { printable } from '../reporters/printable.js';

/** `hidden`: texts (secrets) the diff must not show: each occurrence becomes asterisks of its length. */
export function unifiedDiff(before: string, after: string, file: string, hidden: readonly string[] = [], context = 3): string {
  if (before === after) return '';
  const shown = printable(file.replace(/^\/+/, ''));
  // Our own file headers: jsdiff would quote a name with non-ASCII characters in C style.
  let hunks = formatPatch(structuredPatch('a', 'b', before, after, undefined, undefined, { context }), OMIT_HEADERS);
  // Longest first: a secret that contains a shorter one is masked whole.
  for (const secret of [...hidden].sort((a, b) => b.length - a.length)) hunks = hunks.split(secret).join('*'.repeat(secret.length));
  return `--- a/${shown}\n+++ b/${shown}\n${hunks}`;
}
