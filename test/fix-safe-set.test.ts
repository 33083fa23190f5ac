/** One fix the checks refuse must not hold back the other fixes of its file. */
import { describe, expect, it } from 'vitest';
import { largestSafeSet } from '../src/fix/safe-set.js';

describe('largestSafeSet', () => {
  /** Attempts judged by `bad`, which names the problem of an allowed set; every attempt is recorded. */
  function attempts(bad: (allowed: string[]) => string | undefined) {
    const log: string[][] = [];
    const attempt = (set: ReadonlySet<string>): { allowed: string[]; problem?: string | undefined } => {
      const allowed = [...set];
      log.push(allowed);
      return { allowed, problem: bad(allowed) };
    };
    return { attempt, log };
  }

  it('leaves out a fix that fails alone and keeps the others together', () => {
    const { attempt, log } = attempts((a) => (a.includes('b') ? 'b breaks it' : undefined));
    const { accepted, rejected } = largestSafeSet(['a', 'b', 'c'], attempt(new Set(['a', 'b', 'c'])), attempt);
    expect(accepted?.allowed).toEqual(['a', 'c']);
    expect([...rejected]).toEqual([['b', 'b breaks it']]);
    // The failed attempt with every fix is not made again.
    expect(log.filter((a) => a.length === 3)).toHaveLength(1);
  });

  it('keeps the earlier of two fixes that pass alone but not together', () => {
    const { attempt } = attempts((a) => (a.includes('a') && a.includes('c') ? 'a and c clash' : undefined));
    const { accepted, rejected } = largestSafeSet(['a', 'b', 'c', 'd'], attempt(new Set(['a', 'b', 'c', 'd'])), attempt);
    expect(accepted?.allowed).toEqual(['a', 'b', 'd']);
    expect([...rejected]).toEqual([['c', 'a and c clash']]);
  });

  it('accepts nothing when every fix fails alone', () => {
    const { attempt } = attempts(() => 'broken');
    const { accepted, rejected } = largestSafeSet(['a', 'b'], attempt(new Set(['a', 'b'])), attempt);
    expect(accepted).toBeUndefined();
    expect([...rejected.keys()]).toEqual(['a', 'b']);
  });

  it('makes a number of attempts linear in the fixes, however they conflict', () => {
    const fixes = Array.from({ length: 40 }, (_, i) => `f${i}`);
    // Every odd fix clashes with the one before it: the worst case, every stage runs.
    const { attempt, log } = attempts((a) => (a.some((f) => Number(f.slice(1)) % 2 === 1 && a.includes(`f${Number(f.slice(1)) - 1}`)) ? 'clash' : undefined));
    const { accepted, rejected } = largestSafeSet(fixes, attempt(new Set(fixes)), attempt);
    expect(accepted?.allowed).toEqual(fixes.filter((_, i) => i % 2 === 0));
    expect(rejected.size).toBe(20);
    expect(log.length).toBeLessThanOrEqual(2 * fixes.length + 1);
  });
});
