// Measuring helpers shared by the bench scripts: wall time of child processes, medians, peak memory.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const NODE = process.execPath;
const MAXRSS_HOOK = fileURLToPath(new URL('./maxrss.mjs', import.meta.url));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command once and returns its wall time in ms; output is discarded, as a hook's would be read by a terminal. */
export function timeRun(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const child = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.error) throw child.error;
  // Lint exit codes 0-1 are normal; 2 may be a file error in a corpus; anything else (or a signal) is a crash.
  if (child.status === null || child.status > 2) {
    throw new Error(`${command} ${args.slice(0, 3).join(' ')}... failed (${child.signal ?? child.status}): ${String(child.stderr).slice(0, 500)}`);
  }
  return ms;
}

/**
 * Times several commands alternately (ABC, CBA, ABC...) so that drifting machine load hits
 * each the same, after one untimed warm-up run each (disk cache). Returns median ms per name.
 */
export function alternate(commands, runs) {
  const times = Object.fromEntries(commands.map((c) => [c.name, []]));
  for (const c of commands) timeRun(c.command, c.args, c.options);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? commands : [...commands].reverse();
    for (const c of order) times[c.name].push(timeRun(c.command, c.args, c.options));
  }
  return Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
}

/** Peak resident memory (KiB) of `node <args>`, reported by the process itself on exit (bench/maxrss.mjs). */
export function peakRss(nodeArgs, options = {}) {
  const child = spawnSync(NODE, ['--import', MAXRSS_HOOK, ...nodeArgs], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20, ...options });
  const match = /BENCH_MAXRSS_KIB=(\d+)/.exec(String(child.stderr));
  if (!match) throw new Error(`no peak memory reported by node ${nodeArgs.join(' ')}: ${String(child.stderr).slice(0, 500)}`);
  return Number(match[1]);
}

export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const fmtRatio = (r) => `${r.toFixed(2)}x`;
export const fmtMiB = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
