// Build: precompile the compose-spec validator, compile TypeScript to dist/, bundle the CLI
// (dist/compose-lint.mjs and .cjs with the third-party notices, see scripts/bundle.mjs), make the
// CLIs executable. Skipped when dist/ was built from the same inputs (scripts/build-stamp.mjs).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema } from './build-schema.mjs';
import { buildStamp, filesUnder, isUpToDate, STAMP_FILE } from './build-stamp.mjs';
import { bundle } from './bundle.mjs';

const require = createRequire(import.meta.url);
process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'));

// `--cli`: only the bundled command line (dist/compose-lint.cjs and its code cache), with esbuild
// alone: the GitHub Action runs nothing else, and installs no TypeScript (scripts/action/install.sh).
// No stamp: a later full build still compiles dist/src.
if (process.argv.includes('--cli')) {
  try {
    await buildSchema();
    await bundle();
  } catch (error) {
    console.error(`build: ${error.message}`);
    process.exit(1);
  }
  process.exit(0);
}

const SOURCE_DIRS = ['src', 'rules'];
const sources = SOURCE_DIRS.flatMap((dir) => filesUnder('.', dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const modules = sources.flatMap((source) => [`dist/${source.slice(0, -3)}.js`, `dist/${source.slice(0, -3)}.d.ts`]);

const stamp = buildStamp('.');
if (isUpToDate('.', stamp, modules)) {
  console.log('build: dist/ is up to date (remove dist/ to build anyway)');
  process.exit(0);
}
rmSync(STAMP_FILE, { force: true });

// tsc never deletes: outputs whose source is gone must not linger in dist/ (and in the package).
// Pruned first, so that a file renamed only in case on a case-insensitive disk counts as missing.
const expected = new Set(modules);
for (const output of SOURCE_DIRS.flatMap((dir) => filesUnder('.', `dist/${dir}`))) {
  if (/\.(js|d\.ts)$/.test(output) && !output.startsWith('dist/src/schema/generated/') && !expected.has(output)) rmSync(output);
}
// tsc compiles incrementally: after an edit it re-checks only what changed. Its state lives in
// dist/src, so removing that directory starts afresh; so does any missing output, which an
// incremental run would not write again.
const BUILD_INFO = 'dist/src/.tsbuildinfo';
if (modules.some((output) => !existsSync(output))) rmSync(BUILD_INFO, { force: true });

await buildSchema();
// The bundle is made from src/ by esbuild, not from tsc's output: both run at once.
// TypeScript 7 exports no bin path: the launcher is found beside its package.json.
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
const compiled = new Promise((done, fail) => {
  spawn(process.execPath, [tsc, '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', BUILD_INFO], { stdio: 'inherit' })
    .on('error', fail)
    .on('exit', (code, signal) => (code === 0 ? done() : fail(new Error(`tsc failed (${signal ?? `exit code ${code}`}): see its messages above`))));
});
try {
  await Promise.all([compiled, bundle()]);
} catch (error) {
  console.error(`build: ${error.message}`);
  process.exit(1);
}
chmodSync('dist/src/cli/main.js', 0o755);
writeFileSync(STAMP_FILE, stamp);
