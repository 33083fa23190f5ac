// Runs every rule over a corpus of compose files with the BUILT linter (npm run build first) and
// prints per-rule finding counts, per corpus folder. Exits 1 on a crash, an internal-error finding
// or an unexpected exception; broken files are expected and only counted.
//   node scripts/corpus.mjs [corpus-dir] [--preset recommended|strict] [--show rule-id[,rule-id]] [--only folder]
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { lintFile } from '../dist/src/lint.js';
import { allRules } from '../dist/rules/index.js';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const preset = option('--preset') ?? 'strict';
const show = new Set((option('--show') ?? '').split(',').filter(Boolean));
const only = option('--only');
const dir = resolve(args[0] ?? '../shared/corpus');

function composeFiles(path) {
  const out = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...composeFiles(full));
    else if (/\.ya?ml$/i.test(entry.name) && statSync(full).size > 0) out.push(full);
  }
  return out.sort();
}

const category = new Map(allRules.map((r) => [r.meta.id, r.meta.category]));
/** counts[rule][folder] = findings; files[rule][folder] = files with at least one finding. */
const counts = new Map();
const fileCounts = new Map();
const folders = new Map();
const problems = [];
let unreadable = 0;

const files = composeFiles(dir).filter((f) => !only || relative(dir, f).split('/')[0] === only);
for (const file of files) {
  const folder = relative(dir, file).split('/')[0];
  folders.set(folder, (folders.get(folder) ?? 0) + 1);
  let result;
  try {
    result = await lintFile(file, { preset, cwd: dir });
  } catch (error) {
    problems.push(`${relative(dir, file)}: exception: ${error instanceof Error ? (error.stack ?? error.message).split("\n").slice(0, 3).join(" | ") : String(error)}`);
    continue;
  }
  if (result.error) unreadable++;
  const seen = new Set();
  for (const finding of result.findings) {
    if (finding.ruleId === 'internal-error') problems.push(`${relative(dir, file)}:${finding.line}:${finding.column}: ${finding.message}`);
    const byFolder = counts.get(finding.ruleId) ?? new Map();
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    counts.set(finding.ruleId, byFolder);
    if (!seen.has(finding.ruleId)) {
      seen.add(finding.ruleId);
      const filesByFolder = fileCounts.get(finding.ruleId) ?? new Map();
      filesByFolder.set(folder, (filesByFolder.get(folder) ?? 0) + 1);
      fileCounts.set(finding.ruleId, filesByFolder);
    }
    if (show.has(finding.ruleId)) console.log(`${relative(dir, file)}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`);
  }
}

const columns = [...folders.keys()];
const pad = (text, width) => String(text).padEnd(width);
const width = Math.max(28, ...[...counts.keys()].map((k) => k.length + 2));
console.log(`\n${files.length} files in ${dir} (preset ${preset}); cells are findings/files`);
console.log(pad('rule', width) + pad('category', 12) + columns.map((c) => pad(`${c} (${folders.get(c)})`, 26)).join(''));
const rules = [...counts.keys()].sort((a, b) => (category.get(a) ?? '').localeCompare(category.get(b) ?? '') || a.localeCompare(b));
for (const rule of rules) {
  const cells = columns.map((c) => pad(`${counts.get(rule).get(c) ?? 0}/${fileCounts.get(rule).get(c) ?? 0}`, 26));
  console.log(pad(rule, width) + pad(category.get(rule) ?? '?', 12) + cells.join(''));
}
if (unreadable) console.log(`${unreadable} files could not be read (counted, not a failure)`);
if (problems.length > 0) {
  console.error(`\n${problems.length} crash(es):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exitCode = 1;
}
