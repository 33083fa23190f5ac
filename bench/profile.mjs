// Where a run's time goes: `node bench/profile.mjs [--runs=5] [--callers=fn] -- <node args>`, e.g.
// `node bench/profile.mjs -- dist/compose-lint.mjs bench/fixtures/react-express-mysql/compose.yaml`.
// Runs `node --cpu-prof` and prints self time per run by file and by function (and, with
// --callers, the call chains into one function). A tool for finding start-up costs, not a figure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const split = process.argv.indexOf('--');
const own = process.argv.slice(2, split === -1 ? undefined : split);
const target = split === -1 ? [] : process.argv.slice(split + 1);
if (target.length === 0) throw new Error('usage: node bench/profile.mjs [--runs=N] [--callers=name] -- <node args>');
const opt = (name) => own.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const runs = Number(opt('runs') ?? 5);
const callersOf = opt('callers');

const dir = mkdtempSync(join(tmpdir(), 'compose-lint-prof-'));
const byFile = new Map();
const byFunction = new Map();
const chains = new Map();
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
try {
  for (let i = 0; i < runs; i++) spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, ...target], { stdio: 'ignore' });
  for (const name of readdirSync(dir)) {
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map();
    profile.samples.forEach((id, k) => add(self, id, profile.timeDeltas[k] ?? 0));
    const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^file:\/\//, '')}:${n.callFrame.lineNumber + 1}`;
    for (const [id, us] of self) {
      const n = nodes.get(id);
      add(byFile, n.callFrame.url.replace(/^file:\/\//, '') || `(${n.callFrame.functionName})`, us);
      add(byFunction, label(n), us);
      if (callersOf && n.callFrame.functionName === callersOf) {
        const chain = [];
        for (let p = parent.get(id); p !== undefined && chain.length < 5; p = parent.get(p)) chain.push(label(nodes.get(p)));
        add(chains, chain.join('\n      < '), us);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const top = (map, k) => [...map].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key, us]) => `${(us / 1000 / runs).toFixed(1).padStart(8)} ms  ${key}`).join('\n');
const total = [...byFile.values()].reduce((a, b) => a + b, 0);
console.log(`${(total / 1000 / runs).toFixed(0)} ms sampled per run (${runs} runs)\n\nby file:\n${top(byFile, 15)}\n\nby function:\n${top(byFunction, 25)}`);
if (callersOf) console.log(`\ncallers of ${callersOf}:\n${top(chains, 5)}`);
