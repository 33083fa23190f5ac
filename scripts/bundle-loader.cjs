#!/usr/bin/env node
// Entry of the bundled CLI (copied to dist/compose-lint.cjs by scripts/bundle.mjs). It compiles
// dist/compose-lint-bundle.cjs with a V8 code cache kept per user, so a repeated run (a
// pre-commit hook) skips most of parsing and compiling, which is the bulk of a cold start.
// Node 22's module.enableCompileCache does the same; Node 20 has only vm.Script's cachedData.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, 'compose-lint-bundle.cjs');

/** A directory only this user can write, or undefined: a planted cache would be code we run. */
function cacheDir() {
  if (process.env.COMPOSE_LINT_NO_CODE_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const dir = path.join(base, 'compose-lint');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return undefined;
    if (stat.mode & 0o022) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** Keeps the three most recent caches of other builds (several installed versions), drops older ones. */
function prune(dir, keep) {
  const others = fs.readdirSync(dir).filter((n) => n.endsWith('.v8cache') && path.join(dir, n) !== keep)
    .map((n) => ({ file: path.join(dir, n), mtime: fs.statSync(path.join(dir, n)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of others.slice(3)) fs.rmSync(file, { force: true });
}

function run() {
  // USE_MAIN_CONTEXT_DEFAULT_LOADER (Node >= 20.12) lets the compiled script import() ESM packages.
  const dir = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? cacheDir() : undefined;
  if (!dir) return void require(bundle);
  const source = fs.readFileSync(bundle, 'utf8');
  // V8 checks its version and flags, but only the source's length: the key carries a content hash.
  const key = createHash('sha256').update(source).update(process.version).update(process.arch).digest('hex').slice(0, 32);
  const cacheFile = path.join(dir, `${key}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // first run
  }
  // Module.wrap puts the source inside a function, where esbuild's kept `#!` line is not allowed.
  const script = new vm.Script(Module.wrap(source.replace(/^#!.*/, '')), {
    filename: bundle,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) {
    // At exit the cache also holds the functions this run compiled lazily, not only the top level.
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        prune(dir, cacheFile);
      } catch {
        // A read-only home only costs speed.
      }
    });
  }
  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(__dirname);
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, __dirname);
}

run();
