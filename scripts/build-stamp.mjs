// Whether dist/ was built from exactly the current inputs: `npm ci` builds (prepare), and
// `npm test` (pretest) would otherwise build the same thing again.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Everything a build reads. node_modules/.package-lock.json is npm's record of the installed tree. */
const INPUTS = ['src', 'rules', 'scripts', 'examples/insecure', 'vendor/compose-spec', 'schema', 'package.json', 'package-lock.json', 'tsconfig.json', 'node_modules/.package-lock.json'];
/** Written by the build itself: an output, not an input. */
const GENERATED = 'src/schema/generated/';
/** What a complete build leaves besides the compiled modules. */
export const BUILT = [
  'src/schema/generated/compose-validate.js',
  'dist/src/schema/generated/compose-validate.js',
  'src/schema/generated/config-validate.js',
  'dist/src/schema/generated/config-validate.js',
  'dist/compose-lint.cjs',
  'dist/compose-lint.mjs',
  'dist/compose-lint-bundle.cjs',
  'dist/compose-lint-bundle.cjs.cache',
  'dist/THIRD-PARTY-NOTICES.txt',
];
export const STAMP_FILE = 'dist/.build-stamp';

/** Paths under `path` (a file or a directory), with `/` separators, sorted. */
export function filesUnder(repo, path) {
  const abs = join(repo, path);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [path];
  return readdirSync(abs).sort().flatMap((name) => filesUnder(repo, `${path}/${name}`));
}

/** A hash of the inputs' paths and contents, and of the Node that builds (the code cache is per V8). */
export function buildStamp(repo) {
  const hash = createHash('sha256').update(`${process.version} ${process.arch}\n`);
  for (const path of INPUTS.flatMap((input) => filesUnder(repo, input))) {
    if (path.startsWith(GENERATED)) continue;
    hash.update(`${path}\0`).update(readFileSync(join(repo, path))).update('\0');
  }
  return hash.digest('hex');
}

/**
 * True when the stamp matches and every output exists and is no newer than the stamp, which is
 * written last: an output rewritten since (another checkout's build, a bundle run by hand) or
 * removed means building again. `modules` lists the compiled modules expected in dist/.
 */
export function isUpToDate(repo, stamp, modules) {
  let stamped;
  try {
    stamped = statSync(join(repo, STAMP_FILE));
    if (readFileSync(join(repo, STAMP_FILE), 'utf8') !== stamp) return false;
  } catch {
    return false;
  }
  return [...BUILT, ...modules].every((path) => {
    const output = statSync(join(repo, path), { throwIfNoEntry: false });
    return output !== undefined && output.mtimeMs <= stamped.mtimeMs;
  });
}
