/**
 * `/regular expression/` datastore patterns come with the repository, like the compose files they
 * are matched against, so neither may be able to make V8's backtracking engine hang CI. Two halves:
 * patternProblem refuses the constructs whose matching time can explode, and the matching
 * (src/graph/datastore.ts) ignores names longer than Docker accepts, so what is left stays
 * polynomial of low degree over at most MAX_MATCHED_LENGTH characters.
 */
import { MAX_MATCHED_LENGTH } from '../graph/datastore.js';

/** Iteration counts of an unbounded repetition over such a name (0 to 255), and start positions of an unanchored search. */
const SPAN = MAX_MATCHED_LENGTH + 1;

/**
 * The most ways a pattern may try to match one name: two unbounded repetitions (SPAN²), or one in
 * a pattern without a leading `^`, with a few optional parts; about a millisecond per name at
 * worst. A third one costs up to seconds per name.
 */
export const MAX_WAYS = 100_000;
/** The same for all the patterns of a config together, as each is tried on every image name. */
export const MAX_TOTAL_WAYS = 2 * MAX_WAYS;

export const NESTED_QUANTIFIER = 'a repeated group that itself repeats (like (a+)+) can take exponential time: write it without nesting, e.g. (.*/)?name rather than ([^/]+/)*name';
export const AMBIGUOUS_REPETITION =
  'a repeated group that can match in several ways (alternatives like (a|ab)*, optional or variable parts like (a?)+ or (a{1,3})+) can take exponential time: repeat a character class instead ([ab]* rather than (a|b)*), or do not repeat the group';
export const BACKREFERENCE = 'backreferences (\\1, \\k<name>) are refused: matching them can take exponential time, and an image name needs none';
export const TOO_MANY_WAYS =
  'the pattern can try too many ways to match a long image name: each unbounded *, + or {n,} multiplies them by 256, and so does a pattern that does not start with ^ (at most two of these in all), each ?, {n,m} or alternative adds more; anchor it with ^ or repeat less';
export const TOO_MANY_WAYS_TOGETHER =
  'with the regular expressions before it, the patterns can try too many ways to match each image name: write plain substrings where they do, or anchor patterns with ^';

interface Part {
  /** An upper bound on the ways the part can match at one position of a name of at most 255 characters. */
  ways: number;
  /** It holds `*`, `+` or `{n,}`: repeating it again is the classic (a+)+. */
  unbounded: boolean;
  /** A repetition of a part that matches one way (`.*`, `[a-z]{2,5}`): at the end of the pattern, its first try succeeds. */
  repeat?: boolean;
}

interface Frame {
  /** Sum of the ways of the finished alternatives. */
  done: number;
  /** Product of the ways of the current alternative's parts so far. */
  seq: number;
  unbounded: boolean;
  /** Every finished alternative starts with `^`. */
  anchored: boolean;
  /** The current alternative starts with `^`; undefined before its first part. */
  branchAnchored: boolean | undefined;
  /** The ways of the current alternative's last part, when it is a `repeat`. */
  trailing: number | undefined;
}

/**
 * Why a pattern (its source, known to compile without flags) could take too long to match, or
 * undefined. Classes of constructs are refused, not examples: a repeated group that can match in
 * more than one way (nested quantifiers, alternatives, optional parts), backreferences, and
 * patterns whose choices multiply past MAX_WAYS (`.*.*.*x`, long runs of `a?a?a?`).
 */
export function patternProblem(source: string): string | undefined {
  const outcome = analysePattern(source);
  return typeof outcome === 'string' ? outcome : outcome > MAX_WAYS ? TOO_MANY_WAYS : undefined;
}

/** The problems of a config's patterns, by index: each on its own, then their sum against MAX_TOTAL_WAYS. */
export function patternProblems(sources: (string | undefined)[]): Map<number, string> {
  const problems = new Map<number, string>();
  let total = 0;
  sources.forEach((source, i) => {
    if (source === undefined) return;
    const outcome = analysePattern(source);
    if (typeof outcome === 'string') problems.set(i, outcome);
    else if (outcome > MAX_WAYS) problems.set(i, TOO_MANY_WAYS);
    // Once, where the sum is crossed: removing that pattern shows whether the next one crosses it.
    else if (total <= MAX_TOTAL_WAYS && (total += outcome) > MAX_TOTAL_WAYS) problems.set(i, TOO_MANY_WAYS_TOGETHER);
  });
  return problems;
}

/** The ways a pattern can try to match one name (an upper bound), or why it is refused whatever the count. */
export function analysePattern(source: string): number | string {
  const { groups, named } = capturingGroups(source);
  const frame = (): Frame => ({ done: 0, seq: 1, unbounded: false, anchored: true, branchAnchored: undefined, trailing: undefined });
  const stack: Frame[] = [frame()];
  let last: Part | undefined;
  const top = (): Frame => stack[stack.length - 1]!;
  const flush = (): void => {
    if (!last) return;
    const f = top();
    f.seq *= last.ways;
    f.unbounded ||= last.unbounded;
    f.branchAnchored ??= false;
    f.trailing = last.repeat ? last.ways : undefined;
    last = undefined;
  };
  const endBranch = (f: Frame): void => {
    // Nothing follows the last part of the whole pattern that could fail and make it try another count.
    f.done += f === stack[0] && f.trailing !== undefined ? f.seq / f.trailing : f.seq;
    f.trailing = undefined;
    f.anchored &&= f.branchAnchored === true;
    f.seq = 1;
    f.branchAnchored = undefined;
  };
  for (let i = 0; i < source.length; ) {
    const quantifier = last ? quantifierAt(source, i) : undefined;
    if (quantifier && last) {
      const { min, max } = quantifier;
      if (max > 1 && last.ways > 1) return last.unbounded ? NESTED_QUANTIFIER : AMBIGUOUS_REPETITION;
      const ways = max > 1 ? Math.min(max, MAX_MATCHED_LENGTH) - Math.min(min, MAX_MATCHED_LENGTH) + 1 : max === 0 ? 1 : last.ways + (min === 0 ? 1 : 0);
      last = { ways, unbounded: last.unbounded || max === Infinity, repeat: last.ways === 1 };
      flush();
      i += quantifier.length;
      continue;
    }
    flush();
    const c = source[i]!;
    if (c === '\\') {
      const backreference = /^\\([1-9]\d*)/.exec(source.slice(i, i + 12));
      if ((backreference && Number(backreference[1]) <= groups) || (named && source.startsWith('\\k<', i))) return BACKREFERENCE;
      // `\b`, `\d`, `\x41`...: one part; the digits of `\x41` read as more parts change nothing.
      last = { ways: 1, unbounded: false };
      i += 2;
    } else if (c === '[') {
      i = classEnd(source, i);
      last = { ways: 1, unbounded: false };
    } else if (c === '(') {
      stack.push(frame());
      i += groupPrefixLength(source, i);
    } else if (c === ')') {
      const f = stack.length > 1 ? stack.pop()! : top();
      endBranch(f);
      last = { ways: f.done, unbounded: f.unbounded };
      i++;
    } else if (c === '|') {
      endBranch(top());
      i++;
    } else if (c === '^') {
      top().branchAnchored ??= true;
      i++;
    } else if (c === '$') {
      top().branchAnchored ??= false;
      top().trailing = undefined;
      i++;
    } else {
      last = { ways: 1, unbounded: false };
      i++;
    }
  }
  flush();
  const whole = stack[0]!;
  endBranch(whole);
  return whole.anchored ? whole.done : whole.done * SPAN;
}

/** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` at `i`, lazy or not; a `{` that is no quantifier is a plain character. */
function quantifierAt(source: string, i: number): { min: number; max: number; length: number } | undefined {
  const c = source[i];
  let q: { min: number; max: number; length: number } | undefined;
  if (c === '*') q = { min: 0, max: Infinity, length: 1 };
  else if (c === '+') q = { min: 1, max: Infinity, length: 1 };
  else if (c === '?') q = { min: 0, max: 1, length: 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 40));
    if (!m) return undefined;
    const min = Number(m[1]);
    q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]), length: m[0].length };
  }
  if (q && source[i + q.length] === '?') q.length++;
  return q;
}

/** The index after the `]` that closes the class opened at `i` (`[]` and `[^]` included, as JavaScript reads them). */
function classEnd(source: string, i: number): number {
  let j = i + 1;
  while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` or `(?<name>`. */
function groupPrefixLength(source: string, i: number): number {
  if (source[i + 1] !== '?') return 1;
  if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') return source.indexOf('>', i) - i + 1;
  return source[i + 2] === '<' ? 4 : 3;
}

/** How many capturing groups the pattern has, and whether any is named: `\2` is a backreference only with two groups. */
function capturingGroups(source: string): { groups: number; named: boolean } {
  let groups = 0;
  let named = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i) - 1;
    else if (c === '(') {
      if (source[i + 1] !== '?') groups++;
      else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
        groups++;
        named = true;
      }
    }
  }
  return { groups, named };
}
