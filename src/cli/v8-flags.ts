/**
 * V8 settings for the kind of run the CLI is about to do. Only the CLI does this: the library must
 * not change V8 settings in someone else's process. Measured in bench/results.md.
 *
 * - One small file: V8's defaults. Loading node:v8 alone would cost a few milliseconds of start-up.
 * - Many files, or one big file ("batch"): optimise later. With V8's default budget, code that is
 *   only warming up gets optimised, then deoptimised when the next file brings other shapes:
 *   on Node 20 the corpus (341 small files) compiled 234 functions and threw 39 away, most of the
 *   run's CPU on two cores. Four times the budget optimises only what stays hot (corpus CPU time
 *   -35% on Node 20, -40% on Node 22).
 * - Over LARGE_INPUT_BYTES ("memory"): trade some speed for memory. A lint keeps a fraction of what
 *   it allocates (the YAML CST, then yaml's document, then the located tree, the model), and V8's
 *   default heap growth lets that garbage pile up: on a 1.8 MB compose file the peak halves for
 *   about 40% more time.
 */
import { createRequire } from 'node:module';
import { statIfAny } from '../probe.js';
import type { Target } from './targets.js';

/** The largest compose file at which a lint still runs with V8's default heap settings. */
export const LARGE_INPUT_BYTES = 1024 * 1024;
/** Input that makes a single file a batch run: past this, tier-up churn costs more than node:v8 does. */
export const BATCH_INPUT_BYTES = 64 * 1024;

/**
 * The batch flag by V8 generation, four times the default tier-up budget: V8 11 (Node 20) counts
 * it in bytes of bytecode, V8 12 and 13 (Node 22 and 24) in invocations. Any other V8 gets none:
 * an unknown flag prints an error line on standard error (checked with each of those Nodes).
 */
export function batchFlags(v8Version: string = process.versions.v8): string | undefined {
  const major = Number.parseInt(v8Version, 10);
  if (major === 11) return '--interrupt-budget=270336';
  if (major === 12 || major === 13) return '--invocation-count-for-turbofan=12000';
  return undefined;
}

/**
 * Flags per mode, read by V8 as it goes (tier-up budgets, heap growth). test/cli.test.ts checks
 * that setting them prints nothing on the Node versions CI runs.
 */
export const V8_FLAGS: { batch: string | undefined; memory: string } = {
  batch: batchFlags(),
  /** Collect more often, and keep the young generation at its initial size. */
  memory: '--optimize-for-size --semi-space-growth-factor=1',
};

export type V8Mode = 'default' | keyof typeof V8_FLAGS;

let current: V8Mode = 'default';

/** The mode a run over these targets calls for; `known` holds sizes already stat-ed (collectTargets). */
export function modeFor(targets: Target[], known: Map<string, number> = new Map()): V8Mode {
  const sizeOf = (path: string): number => known.get(path) ?? statIfAny(path)?.size ?? 0;
  const sizes = targets.map((t) => (t.kind === 'stdin' ? t.text.length : Math.max(0, ...t.files.map(sizeOf))));
  const largest = Math.max(0, ...sizes);
  if (largest > LARGE_INPUT_BYTES) return 'memory';
  return targets.length > 1 || largest > BATCH_INPUT_BYTES ? 'batch' : 'default';
}

/** Sets the flags of the mode these targets call for, once per process; returns the mode in force. */
export function tuneV8For(targets: Target[], known?: Map<string, number>): V8Mode {
  if (current !== 'default') return current;
  const mode = modeFor(targets, known);
  const flags = mode === 'default' ? undefined : V8_FLAGS[mode];
  if (flags === undefined) return mode;
  // node:v8 costs milliseconds to load: only here, when it is needed.
  (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
  current = mode;
  return mode;
}
