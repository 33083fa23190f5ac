/** A temporary directory holding the given files (paths relative to it; a list of lines is joined with newlines). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function tempTree(prefix: string, files: Record<string, string | string[]>): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), Array.isArray(text) ? text.join('\n') : text);
  }
  return root;
}
