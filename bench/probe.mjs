// One in-process measurement in a fresh process: `node probe.mjs lint|parse <file> <repo>`.
// Module loading is not timed, so the figure is the work that grows with the file.
// Prints JSON: { ms, maxRssKiB, findings? }.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFile } from './parse-only.mjs';

const [mode, file, repo] = process.argv.slice(2);
let result;
if (mode === 'parse') {
  const start = performance.now();
  parseFile(file);
  result = { ms: performance.now() - start };
} else if (mode === 'lint') {
  const { lintFiles } = await import(pathToFileURL(join(repo, 'dist/src/lint.js')).href);
  const start = performance.now();
  const lint = await lintFiles([file], {});
  const ms = performance.now() - start;
  result = { ms, findings: lint.results.reduce((n, r) => n + r.findings.length, 0), error: lint.results.find((r) => r.error)?.error?.message };
} else {
  throw new Error(`unknown mode ${mode}`);
}
result.maxRssKiB = process.resourceUsage().maxRSS;
process.stdout.write(JSON.stringify(result) + '\n');
