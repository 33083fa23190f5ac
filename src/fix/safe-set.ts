/**
 * When the fixes of a file fail the check together, the largest set of them that passes it,
 * found in a number of attempts linear in the fixes (no search over subsets): one fix that
 * would add a finding must not hold back the others.
 */

/** The result of fixing with only some fixes allowed; `problem` is set when the check refused it. */
export interface Attempt {
  problem?: string | undefined;
}

export interface SafeSet<A extends Attempt> {
  /** The attempt with the fixes kept (undefined when none passes the check). */
  accepted?: A;
  /** The fixes left out, each with the problem of the attempt that refused it. */
  rejected: Map<string, string>;
}

/**
 * `fixes` in the order they were made; `all` is the attempt with every one of them, which failed.
 * Each fix is tried alone first; those that pass are tried together; if that still fails, they
 * are added one at a time in order, each kept only when the check still passes.
 */
export function largestSafeSet<A extends Attempt>(fixes: string[], all: A, attempt: (allowed: ReadonlySet<string>) => A): SafeSet<A> {
  const tried = new Map<string, A>([[fixes.join('\0'), all]]);
  // Allowed sets keep the order of `fixes`, so a set tried twice is recognised.
  const run = (allowed: string[]): A => {
    const key = allowed.join('\0');
    const known = tried.get(key);
    if (known) return known;
    const result = attempt(new Set(allowed));
    tried.set(key, result);
    return result;
  };
  const rejected = new Map<string, string>();
  const alone = fixes.filter((fix) => {
    const { problem } = run([fix]);
    if (problem !== undefined) rejected.set(fix, problem);
    return problem === undefined;
  });
  if (alone.length === 0) return { rejected };
  const together = run(alone);
  if (together.problem === undefined) return { accepted: together, rejected };
  // Each passes alone but not with the others: some of them conflict, and the earlier fix of a conflict wins.
  const kept: string[] = [];
  let accepted: A | undefined;
  for (const fix of alone) {
    const trial = run([...kept, fix]);
    if (trial.problem === undefined) {
      kept.push(fix);
      accepted = trial;
    } else rejected.set(fix, trial.problem);
  }
  return accepted ? { accepted, rejected } : { rejected };
}
