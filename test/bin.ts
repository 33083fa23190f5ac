/** The CLI as users get it: whatever package.json's `bin` points at (npm test builds it first). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
export const BIN = join(REPO, pkg.bin['compose-lint']!);
