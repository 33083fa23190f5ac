// What the published npm package must and must not contain. test/package.test.ts applies it to a
// real `npm pack`; run `node scripts/pack-check.mjs` to check the current dist/ without the test.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Files the package cannot work or be redistributed without. */
export const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'NOTICE',
  'dist/compose-lint.cjs',
  'dist/compose-lint-bundle.cjs',
  'dist/compose-lint-bundle.cjs.cache',
  'dist/THIRD-PARTY-NOTICES.txt',
  'dist/src/index.js',
  'dist/src/index.d.ts',
  'dist/rules/index.js',
  'schema/config.schema.json',
  'docs/rules.md',
  'docs/pre-commit.md',
  'docs/github-actions.md',
  'vendor/compose-spec/LICENSE-NOTICE',
];

/** Everything allowed in the tarball; anything else (tests, fixtures, TypeScript sources, scripts) is a leak. */
const ALLOWED = [
  /^(package\.json|README\.md|LICENSE|NOTICE)$/,
  /^dist\/(src|rules)\/.+\.(js|d\.ts)$/,
  // The CLI (package.json `bin`): the bundle, its loader and the code cache made at build time.
  /^dist\/compose-lint(\.cjs|-bundle\.cjs|-bundle\.cjs\.cache)$/,
  // The licences of the packages the bundle contains (scripts/notices.mjs).
  /^dist\/THIRD-PARTY-NOTICES\.txt$/,
  /^dist\/src\/schema\/generated\/.+$/,
  /^schema\/config\.schema\.json$/,
  /^docs\/.+$/,
  /^vendor\/compose-spec\/(LICENSE-NOTICE|README\.md)$/,
];

/** Problems with a packed file list (paths relative to the package root); empty when it is right. */
export function packProblems(files) {
  const problems = [];
  const present = new Set(files);
  for (const path of REQUIRED) if (!present.has(path)) problems.push(`missing: ${path}`);
  if (!files.some((f) => f.startsWith('dist/src/schema/generated/') && f.endsWith('.js'))) problems.push('missing: the precompiled schema validator (dist/src/schema/generated/*.js)');
  for (const path of files) {
    if (!ALLOWED.some((pattern) => pattern.test(path))) problems.push(`not allowed: ${path}`);
    else if (/(^|\/)(test|tests|fixtures|__tests__)\//.test(path) || /\.test\.[jt]s$/.test(path)) problems.push(`test material: ${path}`);
  }
  return problems;
}

/** `npm pack --dry-run` of the current tree, without running `prepare` (dist/ as it is). */
export function dryRunFiles(cwd) {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd, encoding: 'utf8' });
  return JSON.parse(out)[0].files.map((f) => f.path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files = dryRunFiles(root);
  const problems = packProblems(files);
  for (const problem of problems) console.error(problem);
  console.log(problems.length === 0 ? `PASS pack-check: ${files.length} files` : `FAIL pack-check: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
