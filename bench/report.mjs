// The machine's description, the issue's targets as pass/fail checks, and bench/results.md.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { fmtMiB, fmtMs, fmtRatio } from './lib.mjs';

export function machine(repo) {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${type()} ${release()}`,
    node: process.versions.node,
    loadBefore: loadavg().map((l) => l.toFixed(2)).join(' '),
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    commit,
  };
}

/** The issue's targets, judged on the CLI that package.json `bin` points at. */
export function targets({ cold, corpus, scale, primary }) {
  const out = [];
  const c = cold.find((r) => r.name === primary);
  out.push({ what: 'cold start, one small file, vs node -e 0', measured: fmtRatio(c.ratio), limit: '1.50x', ok: c.ratio <= 1.5 });
  const k = corpus?.find((r) => r.name === primary);
  if (k) out.push({ what: `corpus, ${k.files} files in one run`, measured: `${fmtMs(k.allMs)} ms`, limit: `${fmtMs(k.limitMs)} ms = 2 x ${fmtMs(k.oneMs)} + ${k.files} x 1 ms`, ok: k.allMs <= k.limitMs });
  const at = (n) => scale.rows.find((r) => r.n === n);
  const [small, big] = [at(800), at(8000)];
  if (big) out.push({ what: 'CLI on N=8000 finishes', measured: big.cliMs === null ? 'timeout' : `${fmtMs(big.cliMs)} ms`, limit: '120 s (bench timeout)', ok: big.cliMs !== null });
  if (small && big) {
    const growth = big.lintMs / small.lintMs;
    out.push({ what: 'lint time N=8000 vs N=800', measured: fmtRatio(growth), limit: '10.00x', ok: growth <= 10 });
  }
  if (big) {
    const vsParse = big.lintMs / big.parseMs;
    out.push({ what: 'lint time vs parse-only, N=8000', measured: fmtRatio(vsParse), limit: '3.00x', ok: vsParse <= 3 });
    const limitKiB = 4 * scale.nodeRss + (10 * big.bytes) / 1024;
    const limit = `${fmtMiB(limitKiB)} = 4 x ${fmtMiB(scale.nodeRss)} + 10 x ${fmtMiB(big.bytes / 1024)}`;
    const cli = big.cliRssKiB === null ? 'not measured (CLI timed out)' : fmtMiB(big.cliRssKiB);
    out.push({ what: 'peak memory, N=8000, CLI', measured: cli, limit, ok: big.cliRssKiB !== null && big.cliRssKiB <= limitKiB });
  }
  return out;
}

/** `v8`: dist/src/cli/v8-flags.js, so the modes are described from the code that sets them. */
export function renderResults({ info, cold, corpus, scale, checks, peerList, coldRuns, corpusRuns, scaleRuns, v8 }) {
  const { BATCH_INPUT_BYTES, LARGE_INPUT_BYTES, V8_FLAGS } = v8;
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs). Absolute times belong to this machine; compare ratios.',
    '',
    `- Machine: ${info.cpu}, ${info.cores} cores, ${info.memory} RAM, ${info.os}`,
    `- Node ${info.node}; commit ${info.commit}; ${info.date} UTC`,
    `- Load average before / after: ${info.loadBefore} / ${info.loadAfter}`,
    `- Peers: ${peerList.map((p) => `${p.name} ${p.missing ? 'not installed' : 'installed'}`).join(', ')}`,
    '',
    '## Targets',
    '',
    '| Target | Measured | Limit | |',
    '|---|---|---|---|',
    ...checks.map((t) => `| ${t.what} | ${t.measured} | ${t.limit} | ${t.ok ? 'pass' : '**FAIL**'} |`),
    '',
    `## Cold start, one small file (awesome-compose react-express-mysql), median of ${coldRuns} alternating runs`,
    '',
    '| Command | Wall | vs `node -e 0` |',
    '|---|---|---|',
    ...cold.map((r) => `| ${r.name} | ${fmtMs(r.ms)} ms | ${fmtRatio(r.ratio)}${r.floor ? ` (vs ${r.floor})` : ''} |`),
    '',
    ...(cold.some((r) => r.floor)
      ? [
          'This machine sets NODE_EXTRA_CA_CERTS (to the system certificate bundle): Node parses it at every start, before any script runs,',
          'so both `node -e 0` and the CLI pay it. The target is judged as the issue measured it, in this environment; the last two rows',
          'are the same pair without that variable, the start a machine without it sees.',
          '',
        ]
      : []),
  ];
  if (corpus) {
    lines.push(
      `## Corpus: every compose file of ../shared/corpus in one invocation, median of ${corpusRuns}`,
      '',
      '| Command | One file | All files | Limit (2 x one + 1 ms/file) | Per extra file |',
      '|---|---|---|---|---|',
      ...corpus.map((r) => `| ${r.name} (${r.files} files) | ${fmtMs(r.oneMs)} ms | ${fmtMs(r.allMs)} ms | ${fmtMs(r.limitMs)} ms | ${r.perFileMs.toFixed(2)} ms |`),
      '',
    );
  } else {
    lines.push('## Corpus', '', '../shared/corpus was not found: skipped.', '');
  }
  const base = scale.rows.find((r) => r.n === 800);
  const peerNames = scale.rows[0]?.peers.map((p) => p.name) ?? [];
  lines.push(
    `## Scaling: N services on N/10 networks (bench/generate.mjs), median of ${scaleRuns}`,
    '',
    'Lint and parse-only are timed in-process in a fresh process each, module loading excluded; "CLI" is the cold',
    "command's wall time (default text report; a run over 120 s is cut and shown as a timeout); peak memory is the process's maxRSS,",
    'reported by itself on exit (`node --import bench/maxrss.mjs` for the CLI and `node -e 0`, each the median of 3 runs; `process.resourceUsage()` in the lint-only and parse-only probes).',
    `The CLI sets V8 flags per kind of run (src/cli/v8-flags.ts): over ${LARGE_INPUT_BYTES / 1024} KiB of input (N=8000) its memory mode (\`${V8_FLAGS.memory}\`);`,
    `with more than one file or over ${BATCH_INPUT_BYTES / 1024} KiB, later optimisation (\`${V8_FLAGS.batch ?? "none on this V8"}\`); one small file keeps V8's defaults. "Lint only" is the`,
    "library in-process, which keeps V8's defaults (it must not change them in its host's process): its peak is mostly garbage not yet collected.",
    '',
    `| N | File | Lint | Parse only | Lint / parse | Lint / lint(800) | CLI | Peak memory, CLI | Peak memory, lint only | Peak memory, parse only |${peerNames.map((n) => ` ${n} |`).join('')}`,
    `|---|---|---|---|---|---|---|---|---|---|${peerNames.map(() => '---|').join('')}`,
    ...scale.rows.map(
      (r) =>
        `| ${r.n} | ${(r.bytes / 1024).toFixed(0)} KiB | ${fmtMs(r.lintMs)} ms | ${fmtMs(r.parseMs)} ms | ${fmtRatio(r.lintMs / r.parseMs)} | ${base ? fmtRatio(r.lintMs / base.lintMs) : '-'} | ${r.cliMs === null ? 'timeout' : fmtMs(r.cliMs) + ' ms'} | ${r.cliRssKiB === null ? 'timeout' : fmtMiB(r.cliRssKiB)} | ${fmtMiB(r.lintRssKiB)} | ${fmtMiB(r.parseRssKiB)} |${r.peers.map((p) => ` ${p.ms === null ? 'failed/timeout' : fmtMs(p.ms) + ' ms'} |`).join('')}`,
    ),
    '',
    `\`node -e 0\` peak memory: ${fmtMiB(scale.nodeRss)}.`,
    '',
  );
  return lines.join('\n');
}
