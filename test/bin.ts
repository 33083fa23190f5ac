/** The CLI as users get it: whatever package.json's `bin` points at (npm test builds it first). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
export const BIN = join(REPO, pkg.bin['compose-lint']!);

/**
 * The environment of a spawned CLI or script: this process's, without NODE_EXTRA_CA_CERTS. Node
 * parses that certificate bundle at every start, before any script (about 60 ms, half of a bare
 * start, on CI's kind of machine, which sets it), and nothing spawned here opens a TLS connection:
 * the suite starts Node some 280 times. The npm commands of package.test.ts keep it.
 */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_EXTRA_CA_CERTS: undefined, ...extra };
}
