/** Finding the config file: from the linted file's directory upwards, stopping at the repository root. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, ConfigError } from './types.js';

/**
 * The config file that applies to files in `startDir`, or undefined. The
 * search stops after the first directory containing `.git`, so a config above
 * the repository never leaks in. Two config files in one directory are an error.
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const found = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter(isFile);
    if (found.length > 1) {
      throw new ConfigError([{ file: found[1]!, line: 1, column: 1, message: `more than one config file in ${dir} (${found.map((f) => f.slice(dir.length + 1)).join(', ')}): keep one` }]);
    }
    if (found.length === 1) return found[0];
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
