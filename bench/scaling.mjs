// The scaling table: generated projects of N services, linted in-process (module loading
// excluded) next to a parse-only run of the same YAML, each in a fresh process; plus the cold
// CLI's wall time and peak memory.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, NODE, peakRss, timeRun } from './lib.mjs';
import { writeProject } from './generate.mjs';

const PROBE = fileURLToPath(new URL('./probe.mjs', import.meta.url));

function probe(mode, file, repo) {
  return JSON.parse(execFileSync(NODE, [PROBE, mode, file, repo], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

function medianOf(runs, fn) {
  return median(Array.from({ length: runs }, fn));
}

// A super-linear reporter must not stall the bench: such a run is shown as a timeout.
const CLI_TIMEOUT = 120_000;

function orNull(fn) {
  try {
    return fn();
  } catch {
    return null;
  }
}

function cliTime(runs, cli, file) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const ms = orNull(() => timeRun(NODE, [cli, file], { timeout: CLI_TIMEOUT }));
    if (ms === null) return null;
    times.push(ms);
  }
  return median(times);
}

/** A peer's wall time, or null when it fails or takes over five minutes on a project. */
function peerTime(peer, file) {
  try {
    return timeRun(peer.command, peer.args([file]), { timeout: 300_000 });
  } catch {
    return null;
  }
}

/** Parse-only time (median) and peak memory (max): the floor the lint's figures compare with. */
function parseRuns(runs, file, repo) {
  const parses = Array.from({ length: runs }, () => probe('parse', file, repo));
  return { parseMs: median(parses.map((p) => p.ms)), parseRssKiB: Math.max(...parses.map((p) => p.maxRssKiB)) };
}

const MEMORY_RUNS = 3;

function medianPeakRss(nodeArgs, options) {
  return median(Array.from({ length: MEMORY_RUNS }, () => peakRss(nodeArgs, options)));
}

export function scaling({ sizes, repo, cli, peers, tmp, runs, log }) {
  // Peak memory moves with the garbage collector's timing (one build of the CLI has measured 168 to
  // 194 MiB at N=8000 here): each figure is the median of MEMORY_RUNS runs, as the timings are.
  const nodeRss = medianPeakRss(['-e', '0']);
  const rows = [];
  for (const n of sizes) {
    const file = writeProject(tmp, n);
    const bytes = statSync(file).size;
    // Fewer runs for the largest projects: each is seconds long, and their noise is relatively small.
    const r = n >= 2000 ? Math.max(1, Math.ceil(runs / 2)) : runs;
    const lints = Array.from({ length: r }, () => probe('lint', file, repo));
    const row = {
      n,
      bytes,
      findings: lints[0].findings,
      error: lints[0].error,
      lintMs: median(lints.map((l) => l.ms)),
      ...parseRuns(r, file, repo),
      lintRssKiB: Math.max(...lints.map((l) => l.maxRssKiB)),
      cliMs: cliTime(r, cli, file),
      cliRssKiB: orNull(() => medianPeakRss([cli, file], { timeout: CLI_TIMEOUT })),
      peers: peers.map((p) => ({ name: p.name, ms: peerTime(p, file) })),
    };
    rows.push(row);
    log?.(row);
  }
  return { nodeRss, rows };
}
