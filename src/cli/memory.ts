/**
 * Big inputs: V8 trades some speed for memory. A lint keeps a fraction of what it allocates (the
 * YAML CST, then yaml's document, then the located tree, the model), and V8's default heap growth
 * lets that garbage pile up: on a 1.8 MB compose file the peak halves for about 40% more time
 * (bench/results.md). Small inputs keep V8's defaults, where start-up time is what counts. Only the
 * CLI does this: the library must not change V8 settings in someone else's process.
 */
import { createRequire } from 'node:module';
import { statIfAny } from '../probe.js';
import type { Target } from './targets.js';

/** The largest compose file at which a lint still runs with V8's defaults. */
export const LARGE_INPUT_BYTES = 1024 * 1024;

/**
 * V8 flags of the memory mode, read by V8 as the heap grows: collect more often, and keep the young
 * generation at its initial size. (An unknown flag would only print a warning on standard error;
 * test/cli.test.ts checks that none does on the Node versions CI runs.)
 */
export const MEMORY_MODE_FLAGS = '--optimize-for-size --semi-space-growth-factor=1';

let entered = false;

/** Switches to the memory mode when any file (or standard input) is over LARGE_INPUT_BYTES. */
export function preferMemoryFor(targets: Target[]): boolean {
  if (entered) return true;
  const large = targets.some((t) => (t.kind === 'stdin' ? t.text.length : Math.max(0, ...t.files.map(sizeOf))) > LARGE_INPUT_BYTES);
  if (!large) return false;
  // node:v8 costs milliseconds to load: only here, when it is needed.
  (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(MEMORY_MODE_FLAGS);
  entered = true;
  return true;
}

function sizeOf(path: string): number {
  return statIfAny(path)?.size ?? 0;
}
