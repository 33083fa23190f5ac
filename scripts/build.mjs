// Build: precompile the compose-spec validator, compile TypeScript to dist/, bundle the CLI
// (dist/compose-lint.mjs and .cjs, see scripts/bundle.mjs), make the CLIs executable.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSchema } from './build-schema.mjs';
import { buildStamp, isUpToDate, STAMP_FILE } from './build-stamp.mjs';
import { bundle } from './bundle.mjs';

const require = createRequire(import.meta.url);
// `npm ci` builds (prepare), then `npm test` would build the same again (pretest).
const stamp = buildStamp('.');
if (isUpToDate('.', stamp)) {
  console.log('build: dist/ is up to date (remove dist/ to build anyway)');
  process.exit(0);
}
rmSync(STAMP_FILE, { force: true });
// tsc compiles incrementally: after an edit it re-checks only what changed since the state saved here. The state lives inside dist/src, so removing that
// directory starts afresh; so does any source whose output is missing.
const BUILD_INFO = 'dist/src/.tsbuildinfo';
const SOURCE_DIRS = ['src', 'rules'];

/** Relative paths of the files under `dir` (recursively); none when it does not exist. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : []);
}

const sources = SOURCE_DIRS.flatMap(filesUnder).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const outputOf = (source) => join('dist', source.replace(/\.ts$/, '.js'));
if (sources.some((s) => !existsSync(outputOf(s)))) rmSync(BUILD_INFO, { force: true });

await buildSchema();
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', BUILD_INFO], { stdio: 'inherit' });

// tsc never deletes: a module removed from src/ or rules/ must not linger in dist/ (and in the package).
const expected = new Set(sources.flatMap((s) => [outputOf(s), outputOf(s).replace(/\.js$/, '.d.ts')]));
for (const output of SOURCE_DIRS.flatMap((dir) => filesUnder(join('dist', dir)))) {
  if (!/\.(js|d\.ts)$/.test(output) || output.startsWith(join('dist', 'src', 'schema', 'generated'))) continue;
  if (!expected.has(output)) rmSync(output);
}
chmodSync('dist/src/cli/main.js', 0o755);
await bundle();
writeFileSync(STAMP_FILE, stamp);
