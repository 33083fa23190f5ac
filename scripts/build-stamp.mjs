// Whether dist/ was built from exactly the current inputs: `npm ci` builds (prepare), and
// `npm test` (pretest) would otherwise build the same thing again.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Everything a build reads, besides node_modules (pinned by package-lock.json). */
const INPUTS = ['src', 'rules', 'scripts', 'examples/insecure', 'vendor/compose-spec', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Written by the build itself: not an input. */
const GENERATED = /^src\/schema\/generated\//;
/** What a complete build leaves; without any of them the stamp means nothing. */
const OUTPUTS = ['dist/src/index.js', 'dist/src/cli/main.js', 'dist/rules/index.js', 'dist/compose-lint.cjs', 'dist/compose-lint-bundle.cjs', 'dist/compose-lint-bundle.cjs.cache', 'dist/THIRD-PARTY-NOTICES.txt'];
const STAMP = 'dist/.build-stamp';

function files(repo, path) {
  const abs = join(repo, path);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [path];
  return readdirSync(abs).sort().flatMap((name) => files(repo, join(path, name)));
}

/** A hash of the inputs' paths and contents, and of the Node that builds (the code cache is per V8). */
export function buildStamp(repo) {
  const hash = createHash('sha256').update(`${process.version} ${process.arch}\n`);
  for (const file of INPUTS.flatMap((input) => files(repo, input))) {
    const path = relative(repo, join(repo, file)).split('\\').join('/');
    if (GENERATED.test(path)) continue;
    hash.update(`${path}\0`).update(readFileSync(join(repo, file))).update('\0');
  }
  return hash.digest('hex');
}

export function isUpToDate(repo, stamp) {
  if (!OUTPUTS.every((output) => existsSync(join(repo, output)))) return false;
  try {
    return readFileSync(join(repo, STAMP), 'utf8') === stamp;
  } catch {
    return false;
  }
}

export const STAMP_FILE = STAMP;
