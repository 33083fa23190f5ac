/**
 * Which fixes a pass applies: those allowed whose edits overlap no earlier fix (the others wait for
 * the next pass, recomputed on its text), and one at a time for the rules that need it.
 */
import type { Finding, Fix } from '../types.js';
import { isRefused, type Refused } from './compute.js';
import { ONE_AT_A_TIME } from './fixers.js';
import { lastAtOrBefore } from '../lines.js';

/** A finding whose fixer refused, with the reason. */
type FixerRefusal = { finding: Finding; reason: string };

/** The fixes a pass applies (only `allowed` ones, when given), and the findings whose fixer refused (with the reason). */
export function choose(
  proposals: (Fix | Refused | undefined)[],
  candidates: Finding[],
  allowed?: (finding: Finding) => boolean,
): { chosen: { finding: Finding; fix: Fix }[]; refused: FixerRefusal[] } {
  const fixes: { finding: Finding; fix: Fix }[] = [];
  const refused: FixerRefusal[] = [];
  proposals.forEach((fix, i) => {
    const finding = candidates[i]!;
    if (!fix) return;
    if (isRefused(fix)) refused.push({ finding, reason: fix.refused });
    else if (!allowed || allowed(finding)) fixes.push({ finding, fix });
  });
  return { chosen: nonOverlapping(fixes), refused };
}

/** Fixes whose edits overlap an earlier one wait for the next pass, when they are recomputed on the new text. */
function nonOverlapping(fixes: { finding: Finding; fix: Fix }[]): { finding: Finding; fix: Fix }[] {
  const taken = new TakenRanges();
  const chosen: { finding: Finding; fix: Fix }[] = [];
  const sequential = new Set<string>();
  for (const candidate of fixes) {
    if (ONE_AT_A_TIME.has(candidate.finding.ruleId)) {
      if (sequential.has(candidate.finding.ruleId)) continue;
      sequential.add(candidate.finding.ruleId);
    }
    const ranges = candidate.fix.edits.map((e) => [e.start, e.end] as [number, number]);
    if (ranges.some((a) => taken.overlaps(a))) continue;
    taken.add(ranges);
    chosen.push(candidate);
  }
  return chosen;
}

/**
 * The ranges of the fixes chosen so far, sorted by start, which no two of them overlap: a range
 * is checked against its neighbours only (a binary search), not against every fix of the file.
 */
export class TakenRanges {
  private readonly ranges: [number, number][] = [];

  overlaps(range: [number, number]): boolean {
    const [, end] = range;
    // Whatever overlaps starts at or before `end`; walking back, the first range that ends before `range` starts ends the search.
    for (let i = this.lastStartingAtOrBefore(end); i >= 0; i--) {
      const other = this.ranges[i]!;
      if (overlaps(range, other)) return true;
      if (other[1] < range[0]) return false;
    }
    return false;
  }

  /** One fix's ranges; those that overlap each other (never so far: fixers make one edit) are kept as one. */
  add(ranges: [number, number][]): void {
    const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: [number, number][] = [];
    for (const r of sorted) {
      const last = merged.at(-1);
      if (last && overlaps(last, r)) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    // Fixes come in the order of their findings, near their edits: the insertion point is at or near the end.
    for (const r of merged) this.ranges.splice(this.lastStartingAtOrBefore(r[0]) + 1, 0, r);
  }

  private lastStartingAtOrBefore(offset: number): number {
    return lastAtOrBefore(this.ranges, offset, (range) => range[0]);
  }
}

/** Ranges overlap, or an insertion point touches the other range (the order of the texts would be ambiguous). */
function overlaps([as, ae]: [number, number], [bs, be]: [number, number]): boolean {
  if (as < be && bs < ae) return true;
  return (as === ae && bs <= as && as <= be) || (bs === be && as <= bs && bs <= ae);
}

export function dedupeEdits<T extends { start: number; end: number; text: string }>(edits: T[]): T[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = `${e.start}:${e.end}:${e.text}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
