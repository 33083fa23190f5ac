/** Finding the config file: from the linted file's directory upwards, stopping at the repository root. */
import { statIfAny } from '../probe.js';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, ConfigError } from './types.js';

/** Directory -> the config file that applies there (null: none). Files of one tree share their parents' answers. */
export type ConfigSearchCache = Map<string, string | null>;

/**
 * The config file that applies to files in `startDir`, or undefined. The
 * search stops after the first directory containing `.git`, so a config above
 * the repository never leaks in. Two config files in one directory are an error.
 */
export function findConfigFile(startDir: string, cache: ConfigSearchCache = new Map()): string | undefined {
  const visited: string[] = [];
  let dir = resolve(startDir);
  let found: string | null = null;
  for (;;) {
    const known = cache.get(dir);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(dir);
    const here = configIn(dir);
    if (here !== undefined) {
      found = here;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir || statIfAny(join(dir, '.git')) !== undefined) break;
    dir = parent;
  }
  for (const d of visited) cache.set(d, found);
  return found ?? undefined;
}

// A stat per name: a readdir costs more in big directories.
function configIn(dir: string): string | undefined {
  const found = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter(isFile);
  if (found.length > 1) {
    throw new ConfigError([{ file: found[1]!, line: 1, column: 1, message: `more than one config file in ${dir} (${found.map((f) => f.slice(dir.length + 1)).join(', ')}): keep one` }]);
  }
  return found[0];
}

function isFile(path: string): boolean {
  return statIfAny(path)?.isFile() ?? false;
}
