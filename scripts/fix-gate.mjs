// The fix gate over real compose files (default: ../shared/corpus). Uses the built dist/ (npm run build).
// Applies every available fix in memory and checks: the result parses and loads, a second fix run changes
// nothing, and re-linting shows no new finding. Exits 1 when any invariant is violated.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../dist/rules/index.js';
import { resolveSettings } from '../dist/src/engine/config.js';
import { runFixGate } from '../dist/src/fix/gate.js';
import { lintText } from '../dist/src/lint.js';
import { applySuppressions, parseDirectives } from '../dist/src/suppress/index.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(process.argv[2] ?? join(repo, '..', 'shared', 'corpus'));
if (!existsSync(root)) {
  console.error(`fix-gate: no corpus at ${root}`);
  process.exit(2);
}

/** The compose files listed in the corpus manifest, or every .yml/.yaml file below the root. */
function composeFiles() {
  const manifest = join(root, 'MANIFEST.tsv');
  if (existsSync(manifest)) {
    const rows = readFileSync(manifest, 'utf8').trim().split('\n').slice(1);
    return rows.map((row) => join(root, row.split('\t')[0])).filter((p) => existsSync(p));
  }
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) out.push(path);
    }
  };
  walk(root);
  return out.sort();
}

// Strict preset: every rule, so every fixer gets its chance.
const settings = resolveSettings(allRules, 'strict');
const lint = (text, file) => {
  const projectDir = dirname(join(root, file));
  const findings = lintText(text, file, { preset: 'strict', projectDir }, settings).findings;
  return applySuppressions(findings, parseDirectives(text, file), { settings });
};

const files = composeFiles().map((path) => ({ file: relative(root, path), text: readFileSync(path, 'utf8') }));
const started = Date.now();
const report = runFixGate(files, lint);
console.log(`fix gate: ${report.files} files, ${report.changed} changed, ${report.fixesApplied} fixes applied, ${report.refusals} refusals, ${report.violations.length} violations (${Date.now() - started} ms)`);
for (const [reason, count] of report.refusalReasons.slice(0, 10)) console.log(`  refused ${count}x: ${reason}`);
for (const v of report.violations) console.log(`  VIOLATION ${v.invariant} ${v.file}: ${v.detail}`);
process.exitCode = report.violations.length > 0 ? 1 : 0;
