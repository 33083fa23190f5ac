#!/usr/bin/env node
// Entry of the bundled CLI (copied to dist/compose-lint.cjs by scripts/bundle.mjs). It compiles
// dist/compose-lint-bundle.cjs with the V8 code cache `npm run build` made beside it
// (scripts/bundle.mjs), so a run skips most of parsing and compiling, the bulk of a cold start.
// The cache is only read: the linter writes nothing at run time. V8 rejects a cache made by another
// Node version or with other flags (or a damaged one); the script is then compiled as usual.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, 'compose-lint-bundle.cjs');
const cacheFile = `${bundle}.cache`;

/**
 * Compiles the bundle, with the code cache when given (the build checks that V8 accepts its cache).
 * The build wrote the bundle as a module function (scripts/bundle.mjs wrapForLoader): the source
 * is compiled as read, with no copy.
 */
function compile(cachedData) {
  // The build keeps the bundle ASCII (scripts/bundle.mjs), where latin1 decodes the same as UTF-8, faster.
  return new vm.Script(fs.readFileSync(bundle, 'latin1'), { filename: bundle, cachedData });
}

/** Compiles and runs the bundle as a CommonJS module; returns the Script (the build asks it for its cache). */
function start(cachedData) {
  const script = compile(cachedData);
  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(__dirname);
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, __dirname);
  return script;
}

function readCache() {
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** import() for the bundle: Node 20 does not allow it in code compiled with a code cache. */
function importESM(specifier) {
  return import(specifier);
}

module.exports = { start, compile, importESM };
if (require.main === module) start(readCache());
