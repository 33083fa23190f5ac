// Bundles the CLI with esbuild: one file to read and compile instead of ~150 modules plus
// yaml's and commander's module trees, which is most of a cold start. Two builds, measured
// side by side by `npm run bench`:
// - dist/compose-lint.mjs: ESM; dynamically imported modules (reporters) are lazy chunks in dist/chunks/.
// - dist/compose-lint.cjs (scripts/bundle-loader.cjs) running dist/compose-lint-bundle.cjs, one
//   CommonJS module, already wrapped in its module function, compiled with the V8 code cache made
//   here (dist/compose-lint-bundle.cjs.cache): the faster start, and package.json's `bin`.
// @viz-js/viz (large, only for SVG) stays in node_modules.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeThirdPartyNotices } from './notices.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Node built-ins that a plain lint never uses but whose loading costs at every start: commander's
 * node:child_process (for executable subcommands; it pulls in net, dgram and streams) and
 * supports-color's node:os. In the CommonJS bundle they load on first use. Only property reads are
 * forwarded: enough for these CommonJS importers (`require(...).x`), not for an ESM import, which
 * esbuild copies eagerly (so node:fs/promises cannot be listed).
 */
const LAZY_BUILTINS = /^(node:)?(child_process|os)$/;
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: LAZY_BUILTINS }, (args) => (args.namespace === 'lazy' ? undefined : { path: args.path.replace(/^node:/, ''), namespace: 'lazy' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `let m; module.exports = new Proxy({}, { get: (_, key) => (m ??= require('node:${args.path}'))[key], has: (_, key) => key in (m ??= require('node:${args.path}')) });`,
      loader: 'js',
    }));
  },
};

/**
 * Node 20 cannot import() from code compiled with a V8 code cache ("A dynamic import callback was
 * not specified"): in the CommonJS bundle, @viz-js/viz (ESM, for SVG) is imported by the loader.
 */
const vizThroughLoader = {
  name: 'viz-through-loader',
  setup(build) {
    build.onResolve({ filter: /^@viz-js\/viz$/ }, () => ({ path: 'viz', namespace: 'through-loader' }));
    build.onLoad({ filter: /.*/, namespace: 'through-loader' }, () => ({
      contents: "const { importESM } = require(require('node:path').join(__dirname, 'compose-lint.cjs'));\n" +
        "exports.instance = () => importESM('@viz-js/viz').then((m) => m.instance());",
      loader: 'js',
    }));
  },
};

/**
 * supports-color, in the CommonJS bundle, reads FORCE_COLOR only: the CLI decides colour itself
 * (src/cli/options.ts useColor; lint-command.ts writes the decision to FORCE_COLOR and NO_COLOR,
 * and without colour the text reporter strips every escape), and the real module asks
 * process.stdout and process.stderr at load, creating two streams (which loads net or tty) that
 * a lint never writes to.
 */
const lazyColour = {
  name: 'cli-decides-colour',
  setup(build) {
    build.onResolve({ filter: /^supports-color$/ }, (args) => ({ path: args.path, namespace: 'colour' }));
    build.onLoad({ filter: /^supports-color$/, namespace: 'colour' }, () => ({
      contents: `const force = process.env.FORCE_COLOR;
const level = force !== undefined && force !== 'false' && (force.length === 0 || parseInt(force, 10) !== 0) ? { level: 1, hasBasic: true, has256: false, has16m: false } : false;
module.exports = { supportsColor: () => level, stdout: level, stderr: level };`,
      loader: 'js',
    }));
  },
};

/**
 * chalk (eslint-formatter-friendly's and code-frame's colours), in the CommonJS bundle, is made on
 * first use, and only when there is colour: without it, a stand-in that returns the text as chalk
 * does at level 0 (arguments joined by a space). Making chalk and its styles cost 0.5 ms of every
 * start, and friendly asks for chalk when it formats, after the CLI has decided colour (the
 * supports-color shim above reads that decision).
 */
const lazyChalk = {
  name: 'chalk-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^chalk$/ }, (args) => (args.namespace === 'chalk' ? undefined : { path: 'chalk', namespace: 'chalk' }));
    build.onLoad({ filter: /^chalk$/, namespace: 'chalk' }, () => ({
      contents: `const plain = new Proxy(function () {}, {
  get: (_, key) => (key === 'level' ? 0 : plain),
  apply: (_, self, args) => (args.length === 1 ? '' + args[0] : args.join(' ')),
  construct: () => plain,
});
let chalk;
const real = () => (chalk ??= require('supports-color').stdout ? require(${JSON.stringify(join(repo, 'node_modules/chalk/source/index.js'))}) : plain);
module.exports = new Proxy(function () {}, {
  get: (_, key) => real()[key],
  apply: (_, self, args) => real()(...args),
});`,
      resolveDir: repo,
      loader: 'js',
    }));
  },
};

/**
 * yaml's ES module build (its exports map gives it to browsers; the code is the same but for
 * logging): esbuild hoists it into one scope, where the Node build is ~70 CommonJS modules, and its
 * parser and composer do not read process.env (LOG_TOKENS, LOG_STREAM) for every token. The corpus
 * run is 3 to 9% faster (interleaved runs); one small file is unchanged; every output is the same.
 */
const yamlModules = {
  name: 'yaml-es-modules',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: join(repo, 'node_modules/yaml/browser/index.js') }));
  },
};

const COMMON = {
  absWorkingDir: repo,
  bundle: true,
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  external: ['@viz-js/viz'],
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

export async function bundle() {
  // Chunk names carry content hashes: drop the previous build's.
  rmSync(join(repo, 'dist/chunks'), { recursive: true, force: true });
  const esm = await build({
    ...COMMON,
    entryPoints: { 'compose-lint': 'src/cli/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    format: 'esm',
    plugins: [yamlModules],
    // Bundled CommonJS (commander, ajv's runtime helpers) calls require() for Node built-ins.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  });
  const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version;
  const cjs = await build({
    ...COMMON,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/compose-lint-bundle.cjs',
    format: 'cjs',
    // src/version.ts finds the package root from import.meta.url.
    define: { 'import.meta.url': '__importMeta.url', COMPOSE_LINT_VERSION: JSON.stringify(version) },
    plugins: [yamlModules, lazyBuiltins, lazyColour, lazyChalk, vizThroughLoader],
    // A getter: a plain lint never asks for it, and pathToFileURL at every start costs a fraction of a millisecond.
    banner: { js: "var __importMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  });
  // Code compiled with a code cache cannot import() (see vizThroughLoader): none may be left.
  const bundled = wrapForLoader(join(repo, 'dist/compose-lint-bundle.cjs'));
  // One non-ASCII character makes the whole source a two-byte string, decoded several times slower at every start.
  const nonAscii = /[^\x00-\x7f]/.exec(bundled);
  if (nonAscii) throw new Error(`dist/compose-lint-bundle.cjs must be ASCII: ${JSON.stringify(bundled.slice(Math.max(0, nonAscii.index - 60), nonAscii.index + 10))} (write \\u escapes; esbuild keeps regular expressions as written)`);
  const imports = bundled.match(/\bimport\(\s*["'][^"']+["']\s*\)/g);
  if (imports) throw new Error(`dist/compose-lint-bundle.cjs must not import(): ${imports.join(', ')} (route it through the loader like @viz-js/viz)`);
  writeThirdPartyNotices(cjs.metafile, repo, 'dist/compose-lint-bundle.cjs', join(repo, 'dist/THIRD-PARTY-NOTICES.txt'));
  copyFileSync(join(repo, 'scripts/bundle-loader.cjs'), join(repo, 'dist/compose-lint.cjs'));
  chmodSync(join(repo, 'dist/compose-lint.mjs'), 0o755);
  chmodSync(join(repo, 'dist/compose-lint.cjs'), 0o755);
  codeCache();
  return { esm, cjs };
}

/**
 * Rewrites the CommonJS bundle as the function the loader compiles (Node's module wrapper, without
 * esbuild's kept `#!` line), so that a start compiles the file as read: dropping that line and
 * wrapping at run time copied the 0.9 MB source twice, 0.9 ms of every start (measured).
 */
function wrapForLoader(file) {
  const body = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${body}\n});`;
  writeFileSync(file, wrapped);
  return wrapped;
}

/**
 * The lints the code cache is made after, so that the functions they compile are in the cache and
 * a start compiles none of them: the paths most compose files take (images and builds, bind
 * mounts, secrets, commands, healthchecks, env files, a mounted config file). A function left out
 * costs about ten times more to compile at a start than its share of the cache costs to load.
 * Adding scripts/warm-up/web-app.yaml took 75 million instructions (callgrind) off twelve corpus
 * files linted one by one, up to 15 million off one (2.4 ms); the smallest paid 5 million more for
 * the larger cache. Each file is linted in a run of its own, as a start lints one (no batch flags,
 * see src/cli/v8-flags.ts), and is small: a function hot enough for V8's baseline compiler in the
 * warm-up is compiled by it again at every start.
 */
const WARM_UP = ['examples/insecure/compose.yaml', 'scripts/warm-up/web-app.yaml'];
// Every run evaluates the bundle anew; V8 gives each compilation of the same source the same
// functions, so the last script's cache holds what all the runs compiled.
const CACHE_SCRIPT = `
const fs = require('node:fs');
const [loader, out, ...files] = process.argv.slice(1);
let script;
for (const file of files) {
  process.argv = [process.argv[0], loader, file];
  script = require(loader).start(undefined);
}
process.on('exit', () => fs.writeFileSync(out, script.createCachedData()));
`;

/**
 * dist/compose-lint-bundle.cjs.cache: V8's code cache of the bundle, made here, at build time, in a
 * child process that runs a representative lint first. The CLI only reads it (scripts/bundle-loader.cjs).
 */
function codeCache() {
  const loader = join(repo, 'dist/compose-lint.cjs');
  const out = join(repo, 'dist/compose-lint-bundle.cjs.cache');
  rmSync(out, { force: true });
  const child = spawnSync(process.execPath, ['-e', CACHE_SCRIPT, loader, out, ...WARM_UP], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  // Exit code 1: the warm-up files have findings, as they should.
  if (child.status !== 0 && child.status !== 1) throw new Error(`code cache warm-up failed (${child.signal ?? child.status}): ${child.stderr}`);
  if (!existsSync(out)) throw new Error(`code cache warm-up wrote no ${out}`);
  // V8 rejects a cache made under other flags: a warm-up that set them (src/cli/v8-flags.ts sets
  // some for several or big files) would leave a cache that no start could use.
  const check = spawnSync(process.execPath, ['-e', CACHE_CHECK, loader, out], { encoding: 'utf8' });
  if (check.stdout.trim() !== 'accepted') throw new Error(`V8 rejects the code cache made at build time (${check.stdout.trim() || check.stderr}): lint one small file per warm-up run`);
}

const CACHE_CHECK = `
const [loader, cache] = process.argv.slice(1);
console.log(require(loader).compile(require('node:fs').readFileSync(cache)).cachedDataRejected ? 'rejected' : 'accepted');
`;

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
