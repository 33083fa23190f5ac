// Build: precompile the compose-spec validator, compile TypeScript to dist/, bundle the CLI
// (dist/compose-lint.mjs and .cjs, see scripts/bundle.mjs), make the CLIs executable.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildSchema } from './build-schema.mjs';
import { bundle } from './bundle.mjs';

const require = createRequire(import.meta.url);
// tsc never deletes: a module removed from src/ must not linger in dist/src (and in the package).
rmSync('dist/src', { recursive: true, force: true });
await buildSchema();
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
chmodSync('dist/src/cli/main.js', 0o755);
await bundle();
