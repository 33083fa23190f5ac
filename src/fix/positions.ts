/**
 * Positions after some passes of `--fix` mapped back to the original text: a pass lints the
 * text the earlier passes made, but the fix log must name places the user can find in the file
 * as it was (the `-` side of the diff).
 */
import { lastAtOrBefore, lineIndexAt, lineStarts } from '../lines.js';
import type { Finding } from '../types.js';
import type { TextChange } from './diff.js';
import type { TextEdit } from './text.js';

/** One edit of a pass: where it was in the text before the pass, and where its new text is after it. */
interface Shift {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export class OriginalPositions {
  /** Each pass's edits in order, sorted by position. */
  private readonly passes: Shift[][] = [];
  private readonly originalStarts: number[];

  constructor(original: string) {
    this.originalStarts = lineStarts(original);
  }

  /** Records the edits of one pass: disjoint, in the coordinates of the text the pass started from (as applyTextEdits takes them). */
  addPass(edits: TextEdit[]): void {
    let delta = 0;
    const shifts = [...edits].sort((a, b) => a.start - b.start).map((e) => {
      const newStart = e.start + delta;
      delta += e.text.length - (e.end - e.start);
      return { oldStart: e.start, oldEnd: e.end, newStart, newEnd: newStart + e.text.length };
    });
    this.passes.push(shifts);
  }

  /**
   * The passes as one set of changes of the original text: regions of it, in order and apart, and
   * where their replacement is in the text after every pass recorded (for the dry run's diff).
   */
  changes(): TextChange[] {
    let regions: TextChange[] = [];
    for (const pass of this.passes) regions = compose(regions, pass);
    return regions;
  }

  /** Moves a finding made on `text` (the text after the passes recorded so far, not any recorded later) to the original text. */
  mapper(text: string): (finding: Finding) => Finding {
    const passes = this.passes.length;
    if (passes === 0) return (finding) => finding;
    let starts: number[] | undefined;
    return (finding) => {
      starts ??= lineStarts(text);
      const at = (line: number, column: number, end: boolean): { line: number; column: number } =>
        this.position(this.back((starts![line - 1] ?? text.length) + column - 1, end, passes));
      const start = at(finding.line, finding.column, false);
      const stop = at(finding.endLine, finding.endColumn, true);
      return { ...finding, line: start.line, column: start.column, endLine: stop.line, endColumn: stop.column };
    };
  }

  /** An offset through the first `passes` passes, last first. One inside inserted text goes to where the insertion was made (its end for an end offset). */
  private back(offset: number, end: boolean, passes: number): number {
    let o = offset;
    for (let p = passes - 1; p >= 0; p--) {
      const shifts = this.passes[p]!;
      const i = lastAtOrBefore(shifts, o, (shift) => shift.newStart);
      if (i === -1) continue;
      const s = shifts[i]!;
      o = o < s.newEnd ? (end ? s.oldEnd : s.oldStart) : o - s.newEnd + s.oldEnd;
    }
    return o;
  }

  private position(offset: number): { line: number; column: number } {
    const starts = this.originalStarts;
    const line = lineIndexAt(starts, offset);
    return { line: line + 1, column: offset - starts[line]! + 1 };
  }
}

/**
 * Regions of the original text (`old*`) and where they are in the current text (`new*`), followed
 * by one more pass (its `old*` in the current text): the same regions, grown by the pass's edits
 * and merged where they meet, from the original text to the text after the pass. One sweep over both.
 */
function compose(regions: TextChange[], pass: Shift[]): TextChange[] {
  const out: TextChange[] = [];
  let i = 0;
  let j = 0;
  // Length added so far by the regions, and by the pass's edits, left behind.
  let regionDelta = 0;
  let passDelta = 0;
  while (i < regions.length || j < pass.length) {
    const start = Math.min(regions[i]?.newStart ?? Infinity, pass[j]?.oldStart ?? Infinity);
    let end = start;
    const regionDeltaBefore = regionDelta;
    const passDeltaBefore = passDelta;
    for (let grew = true; grew; ) {
      grew = false;
      const r = regions[i];
      if (r && r.newStart <= end) {
        end = Math.max(end, r.newEnd);
        regionDelta += r.newEnd - r.newStart - (r.oldEnd - r.oldStart);
        i++;
        grew = true;
      }
      const e = pass[j];
      if (e && e.oldStart <= end) {
        end = Math.max(end, e.oldEnd);
        passDelta += e.newEnd - e.newStart - (e.oldEnd - e.oldStart);
        j++;
        grew = true;
      }
    }
    out.push({ oldStart: start - regionDeltaBefore, oldEnd: end - regionDelta, newStart: start + passDeltaBefore, newEnd: end + passDelta });
  }
  return out;
}
