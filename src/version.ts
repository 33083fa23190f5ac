/** The package root and version (from src/, dist/src/ and the bundle alike). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Defined by the bundle build (scripts/bundle.mjs): the bundled CLI knows its version without reading package.json.
declare const COMPOSE_LINT_VERSION: string | undefined;

let root: string | undefined;

/** Found on first use, walking up from this module: a plain lint never needs it. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('compose-lint: package.json not found');
    dir = parent;
  }
  return (root = dir);
}

export const VERSION: string =
  typeof COMPOSE_LINT_VERSION === 'string' ? COMPOSE_LINT_VERSION : (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
export const HOMEPAGE = 'https://github.com/compose-lint/compose-lint';
export const DOCS_BASE = `${HOMEPAGE}/blob/main/docs/rules`;
