/**
 * Unified diff of two texts (`--fix-dry-run`). Told where the fixes changed the text, it is linear
 * in the file: the lines between changes are known to be equal, and only the lines of each change
 * are compared. Without that, jsdiff's Myers algorithm, whose time grows with the file times the
 * number of changed lines: a fix in each of thousands of services made it quadratic.
 */
import { diffArrays, formatPatch, OMIT_HEADERS, structuredPatch, type StructuredPatch, type StructuredPatchHunk } from 'diff';
import { printable } from '../reporters/printable.js';
import { maskAll } from '../reporters/mask.js';
import { lineIndexAt } from '../lines.js';

/** A region of the text before, `[oldStart, oldEnd)`, replaced by `[newStart, newEnd)` of the text after (character offsets). */
export interface TextChange {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/**
 * `hidden`: texts (secrets) the diff must not show: each occurrence becomes asterisks of its length.
 * `changes`: the regions that differ, in order and not overlapping (from OriginalPositions.changes());
 * with them the diff takes time linear in the texts.
 */
export function unifiedDiff(before: string, after: string, file: string, hidden: readonly string[] = [], context = 3, changes?: readonly TextChange[]): string {
  if (before === after) return '';
  const shown = printable(file.replace(/^\/+/, ''));
  const parts = changes ? partsFromChanges(before, after, changes) : undefined;
  const patch: StructuredPatch = parts
    ? { oldFileName: 'a', newFileName: 'b', oldHeader: undefined, newHeader: undefined, hunks: toHunks(parts, context) }
    : structuredPatch('a', 'b', before, after, undefined, undefined, { context });
  // Our own file headers: jsdiff would quote a name with non-ASCII characters in C style.
  const hunks = formatPatch(patch, OMIT_HEADERS);
  return `--- a/${shown}\n+++ b/${shown}\n${maskAll(hunks, hidden)}`;
}

/** Lines of both texts in order, as jsdiff's diffLines gives them: each line keeps its line ending. */
interface Part {
  lines: string[];
  added?: boolean;
  removed?: boolean;
}

/** The lines of a text, each with its `\n` (a last line without one stays without). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let at = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', at)) {
    lines.push(text.slice(at, nl + 1));
    at = nl + 1;
  }
  if (at < text.length) lines.push(text.slice(at));
  return lines;
}

/** The line holding `offset` (lines.length past the last line ending). */
function lineAt(starts: number[], text: string, offset: number): number {
  if (offset >= text.length && (text === '' || text.endsWith('\n'))) return starts.length;
  return lineIndexAt(starts, offset);
}

function startsOf(lines: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length;
  }
  return starts;
}

/** Changed lines at most this many: compared line by line (Myers) for the smallest diff; past it, removed then added. */
const COMPARED_LINES = 200;

/**
 * The diff as parts, from the changed regions: the lines each region touches are compared (their
 * equal lines at both ends trimmed, which is all a fix's insertion or removal needs), the lines
 * between regions are equal. Undefined when the regions do not describe the texts (then jsdiff diffs them).
 */
function partsFromChanges(before: string, after: string, changes: readonly TextChange[]): Part[] | undefined {
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const oldStarts = startsOf(oldLines);
  const newStarts = startsOf(newLines);
  // The lines each change touches, merged where they meet.
  const spans: { oldFrom: number; oldTo: number; newFrom: number; newTo: number }[] = [];
  for (const c of changes) {
    const span = {
      oldFrom: lineAt(oldStarts, before, c.oldStart),
      oldTo: Math.min(oldLines.length, lineAt(oldStarts, before, c.oldEnd) + 1),
      newFrom: lineAt(newStarts, after, c.newStart),
      newTo: Math.min(newLines.length, lineAt(newStarts, after, c.newEnd) + 1),
    };
    const last = spans.at(-1);
    if (last && (span.oldFrom < last.oldFrom || span.newFrom < last.newFrom)) return undefined;
    if (last && (span.oldFrom <= last.oldTo || span.newFrom <= last.newTo)) {
      last.oldTo = Math.max(last.oldTo, span.oldTo);
      last.newTo = Math.max(last.newTo, span.newTo);
    } else spans.push(span);
  }
  const parts: Part[] = [];
  const push = (lines: string[], kind?: 'added' | 'removed'): void => {
    if (lines.length === 0) return;
    const last = parts.at(-1);
    if (last && last.added === (kind === 'added' || undefined) && last.removed === (kind === 'removed' || undefined)) {
      for (const line of lines) last.lines.push(line);
    } else parts.push(kind ? { lines, [kind]: true } : { lines });
  };
  let o = 0;
  let n = 0;
  for (const span of spans) {
    if (span.oldFrom - o !== span.newFrom - n) return undefined;
    push(oldLines.slice(o, span.oldFrom));
    let [a, b, c, d] = [span.oldFrom, span.oldTo, span.newFrom, span.newTo];
    while (a < b && c < d && oldLines[a] === newLines[c]) {
      a++;
      c++;
    }
    push(oldLines.slice(span.oldFrom, a));
    while (a < b && c < d && oldLines[b - 1] === newLines[d - 1]) {
      b--;
      d--;
    }
    const removed = oldLines.slice(a, b);
    const added = newLines.slice(c, d);
    if (removed.length > 0 && added.length > 0 && removed.length + added.length <= COMPARED_LINES) {
      for (const part of diffArrays(removed, added)) push(part.value, part.added ? 'added' : part.removed ? 'removed' : undefined);
    } else {
      push(removed, 'removed');
      push(added, 'added');
    }
    push(oldLines.slice(b, span.oldTo));
    o = span.oldTo;
    n = span.newTo;
  }
  if (oldLines.length - o !== newLines.length - n) return undefined;
  push(oldLines.slice(o));
  // The regions come from the fix loop's bookkeeping: a diff that does not rebuild both texts is not shown.
  const side = (skip: 'added' | 'removed'): string => parts.filter((p) => !p[skip]).map((p) => p.lines.join('')).join('');
  return side('added') === before && side('removed') === after ? parts : undefined;
}

/** Hunks with `context` lines around each change, as jsdiff's structuredPatch makes them from diffLines' parts. */
function toHunks(parts: Part[], context: number): StructuredPatchHunk[] {
  const diff: Part[] = [...parts, { lines: [] }];
  const hunks: StructuredPatchHunk[] = [];
  const contextLines = (lines: string[]): string[] => lines.map((line) => ` ${line}`);
  let oldRangeStart = 0;
  let newRangeStart = 0;
  let range: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < diff.length; i++) {
    const { lines, added, removed } = diff[i]!;
    if (added || removed) {
      if (!oldRangeStart) {
        const previous = diff[i - 1];
        oldRangeStart = oldLine;
        newRangeStart = newLine;
        if (previous) {
          range = context > 0 ? contextLines(previous.lines.slice(-context)) : [];
          oldRangeStart -= range.length;
          newRangeStart -= range.length;
        }
      }
      for (const line of lines) range.push(`${added ? '+' : '-'}${line}`);
      if (added) newLine += lines.length;
      else oldLine += lines.length;
      continue;
    }
    if (oldRangeStart) {
      // Equal lines between two changes: one hunk when they are few, else the hunk ends here.
      if (lines.length <= context * 2 && i < diff.length - 2) range.push(...contextLines(lines));
      else {
        const size = Math.min(lines.length, context);
        range.push(...contextLines(lines.slice(0, size)));
        hunks.push({ oldStart: oldRangeStart, oldLines: oldLine - oldRangeStart + size, newStart: newRangeStart, newLines: newLine - newRangeStart + size, lines: range });
        oldRangeStart = 0;
        newRangeStart = 0;
        range = [];
      }
    }
    oldLine += lines.length;
    newLine += lines.length;
  }
  for (const hunk of hunks) {
    const lines: string[] = [];
    for (const line of hunk.lines) {
      if (line.endsWith('\n')) lines.push(line.slice(0, -1));
      else lines.push(line, '\\ No newline at end of file');
    }
    hunk.lines = lines;
  }
  return hunks;
}
