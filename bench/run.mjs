// `npm run bench`: start-up, corpus and scaling figures for this machine, printed and written to
// bench/results.md. Options: --quick (few runs, to check the scripts), --runs=N (cold-start runs),
// --sizes=100,800 (scaling N), --build (rebuild dist/ first), --no-write (print only).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmtMiB, fmtMs, fmtRatio } from './lib.mjs';
import { findPeers } from './peers.mjs';
import { coldStart, corpusFiles, corpusRun } from './startup.mjs';
import { scaling } from './scaling.mjs';
import { machine, renderResults, targets } from './report.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const value = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = flag('quick');
const coldRuns = Number(value('runs') ?? (quick ? 5 : 25));
const corpusRuns = quick ? 2 : 7;
const scaleRuns = quick ? 1 : 3;
const sizes = (value('sizes') ?? '100,800,2000,8000').split(',').map(Number);

const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const binPath = join(repo, pkg.bin['compose-lint']);
if (flag('build') || !existsSync(binPath)) execFileSync(process.execPath, [join(repo, 'scripts/build.mjs')], { cwd: repo, stdio: 'inherit' });
const v8 = await import('../dist/src/cli/v8-flags.js');

// The CLI `bin` points at is the one the targets judge; the other build is measured beside it.
const clis = [{ name: `compose-lint (${pkg.bin['compose-lint']})`, path: binPath, primary: true }];
// bench/no-cache.cjs runs the bundle without the build-time code cache (as when V8 rejects the
// cache, e.g. under another Node version).
const others = [['dist/src/cli/main.js', ''], ['dist/compose-lint.mjs', ''], ['dist/compose-lint.cjs', ''], ['bench/no-cache.cjs', 'dist/compose-lint-bundle.cjs, no code cache']];
for (const [rel, name] of others) {
  if (join(repo, rel) !== binPath && existsSync(join(repo, rel))) clis.push({ name: `compose-lint (${name || rel})`, path: join(repo, rel) });
}
const primary = clis[0];
const peerList = findPeers();
const peers = peerList.filter((p) => !p.missing);
const fixture = join(here, 'fixtures/react-express-mysql/compose.yaml');
const info = machine(repo);
const say = (s = '') => process.stdout.write(s + '\n');

say(`compose-lint bench on ${info.cpu} x${info.cores}, ${info.memory}, Node ${info.node}, load average ${info.loadBefore}`);
if (Number(info.loadBefore.split(' ')[0]) > 1.5) say('warning: the machine is busy (load average > 1.5): figures are noisy; take the final ones on an idle machine');
for (const p of peerList) say(`peer ${p.name}: ${p.missing ? 'not installed' : p.command}`);

say(`\n# Cold start, one small file (median of ${coldRuns} alternating runs)`);
const cold = coldStart({ clis, peers, fixture, runs: coldRuns, parseOnly: join(here, 'parse-only.mjs') });
for (const row of cold) say(`${row.name.padEnd(44)} ${fmtMs(row.ms).padStart(7)} ms  ${fmtRatio(row.ratio)}${row.floor ? ` vs ${row.floor}` : ''}`);

const corpusDir = resolve(repo, '../shared/corpus');
const files = corpusFiles(corpusDir);
let corpus;
if (!files) {
  say(`\n# Corpus run: skipped (${corpusDir} not found)`);
} else {
  say(`\n# Corpus run: ${files.length} files in one invocation (median of ${corpusRuns})`);
  corpus = corpusRun({ clis, peers, fixture, files, runs: corpusRuns, parseOnly: join(here, 'parse-only.mjs') });
  for (const r of corpus) say(`${r.name.padEnd(44)} one ${fmtMs(r.oneMs)} ms, all ${fmtMs(r.allMs)} ms (limit 2 x one + 1 ms/file = ${fmtMs(r.limitMs)} ms), ${r.perFileMs.toFixed(2)} ms/file`);
}

say(`\n# Scaling: N services on N/10 networks (in-process, median of ${scaleRuns}; cold CLI wall and peak memory)`);
const tmp = mkdtempSync(join(tmpdir(), 'compose-lint-bench-'));
let scale;
try {
  scale = scaling({
    sizes, repo, cli: primary.path, peers, tmp, runs: scaleRuns,
    log: (r) => say(`N=${String(r.n).padEnd(5)} ${(r.bytes / 1024).toFixed(0).padStart(5)} KiB  lint ${fmtMs(r.lintMs).padStart(6)} ms  parse ${fmtMs(r.parseMs).padStart(6)} ms  lint/parse ${fmtRatio(r.lintMs / r.parseMs)}  CLI ${r.cliMs === null ? 'timeout' : fmtMs(r.cliMs) + ' ms'}  peak CLI ${r.cliRssKiB === null ? 'timeout' : fmtMiB(r.cliRssKiB)}, lint ${fmtMiB(r.lintRssKiB)}, parse ${fmtMiB(r.parseRssKiB)}  ${r.findings} findings${r.error ? ` ERROR ${r.error}` : ''}${r.peers.map((p) => `  ${p.name} ${p.ms === null ? 'timeout' : fmtMs(p.ms) + ' ms'}`).join('')}`),
  });
  say(`node -e 0 peak memory: ${fmtMiB(scale.nodeRss)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

info.loadAfter = machine(repo).loadBefore;
const checks = targets({ cold, corpus, scale, primary: primary.name });
say('\n# Targets');
for (const t of checks) say(`${t.ok ? 'PASS' : 'FAIL'}  ${t.what}: ${t.measured} (limit ${t.limit})`);
say(`load average after: ${info.loadAfter}`);

if (!flag('no-write') && !quick) {
  writeFileSync(join(here, 'results.md'), renderResults({ info, cold, corpus, scale, checks, peerList, coldRuns, corpusRuns, scaleRuns, v8 }));
  say('\nwritten to bench/results.md');
}
