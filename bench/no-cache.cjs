// The bundled CLI without its code cache (as when V8 rejects it, e.g. under another Node version):
// `node bench/no-cache.cjs <args>` runs dist/compose-lint.cjs's bundle compiled from source.
'use strict';
const path = require('node:path');

const loader = path.join(__dirname, '..', 'dist', 'compose-lint.cjs');
process.argv[1] = loader;
require(loader).start(undefined);
