/**
 * Fingerprints that survive unrelated edits: what was found and the offending
 * text, never the line number, so adding a service above does not make every
 * finding below it "new".
 */
import { createHash } from 'node:crypto';
import { lineStarts } from '../lines.js';
import type { Finding, Loc } from '../types.js';

// The line table of the last text seen: findings come file by file, and building it per finding
// was quadratic in a big file.
let indexed: { text: string; starts: number[] } | undefined;

function startsOf(text: string): number[] {
  if (indexed?.text !== text) indexed = { text, starts: lineStarts(text) };
  return indexed.starts;
}

/** The source text of a range, with whitespace runs collapsed and outer quotes dropped. */
export function snippet(text: string, loc: Loc): string {
  const starts = startsOf(text);
  const offset = (line: number, column: number): number => Math.min(text.length, (starts[line - 1] ?? text.length) + column - 1);
  const start = offset(loc.line, loc.column);
  const end = Math.max(start, offset(loc.endLine, loc.endColumn));
  const collapsed = text.slice(start, end).replace(/\s+/g, ' ').trim();
  const quoted = /^(["'])(.*)\1$/.exec(collapsed);
  return quoted ? quoted[2]! : collapsed;
}

/** `file` is the path as recorded in the baseline (relative to it, with forward slashes). */
export function fingerprint(finding: Finding, file: string, source: string | undefined): string {
  const parts = [finding.ruleId, file, finding.service ?? '', finding.network ?? '', finding.messageId ?? '', source === undefined ? '' : snippet(source, finding)];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}
