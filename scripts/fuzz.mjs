// The long fuzz run (`npm run fuzz`): the properties of test/fuzz.test.ts with many
// more runs and a random seed. Failing inputs are saved to fixtures/regressions/,
// which the normal test suite replays. Usage: node scripts/fuzz.mjs [runs-per-property]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = process.argv[2] ?? '5000';
if (!/^\d+$/.test(runs)) {
  console.error('usage: node scripts/fuzz.mjs [runs-per-property]');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz.test.ts', '--testTimeout', '0'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SAVE: '1' },
});
if (result.status !== 0) console.error('\nfuzz: failures found; the failing inputs are in fixtures/regressions/ (commit them with the fix)');
process.exit(result.status ?? 2);
