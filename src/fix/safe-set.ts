/**
 * When the fixes of a file fail the check together, a large set of them that passes it, found by
 * bisection: each attempt lints the whole file, so k fixes that fail among n must cost about
 * k log n attempts, not one per fix. One fix that would add a finding must not hold back the others.
 */

/** The result of fixing with only some fixes allowed; `problem` is set when the check refused it. */
export interface Attempt {
  problem?: string | undefined;
}

export interface SafeSet<A extends Attempt> {
  /** The attempt with the fixes kept (undefined when none passes the check). */
  accepted?: A;
  /** The fixes left out, in the order of `fixes`, each with the problem of the attempt that refused it. */
  rejected: Map<string, string>;
}

/**
 * `fixes` in the order they were made; `all` is the attempt with every one of them, which failed.
 * The fixes are settled in order, a block at a time, each block tried with the fixes kept so far:
 * a block that passes is kept whole, one that fails is split in halves, and a single fix that
 * fails is left out. So the earlier fix of two that clash is kept, and the fixes kept pass together
 * (the last attempt that passed is the one with all of them).
 */
export function largestSafeSet<A extends Attempt>(fixes: string[], all: A, attempt: (allowed: ReadonlySet<string>) => A): SafeSet<A> {
  const tried = new Map<string, A>([[fixes.join('\0'), all]]);
  // Allowed sets keep the order of `fixes`, so a set tried twice is recognised: when the first half
  // of a failed block passes, the block's attempt is the second half's, known to fail.
  const run = (allowed: string[]): A => {
    const key = allowed.join('\0');
    const known = tried.get(key);
    if (known) return known;
    const result = attempt(new Set(allowed));
    tried.set(key, result);
    return result;
  };
  const rejected = new Map<string, string>();
  const kept: string[] = [];
  let accepted: A | undefined;
  const settle = (block: string[]): void => {
    const trial = run([...kept, ...block]);
    if (trial.problem === undefined) {
      kept.push(...block);
      accepted = trial;
    } else if (block.length === 1) rejected.set(block[0]!, trial.problem);
    else {
      const middle = Math.ceil(block.length / 2);
      settle(block.slice(0, middle));
      settle(block.slice(middle));
    }
  };
  if (fixes.length > 0) settle(fixes);
  return accepted ? { accepted, rejected } : { rejected };
}
