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
    const entries = entriesOf(dir);
    const here = configIn(dir, entries);
    if (here !== undefined) {
      found = here;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir || entries.has('.git')) break;
    dir = parent;
  }
  for (const d of visited) cache.set(d, found);
  return found ?? undefined;
}

/** Which of the config names and `.git` exist in the directory: a stat each (a readdir costs more in big directories). */
function entriesOf(dir: string): Set<string> {
  return new Set([...CONFIG_FILE_NAMES, '.git'].filter((name) => statIfAny(join(dir, name)) !== undefined));
}

function configIn(dir: string, entries: Set<string>): string | undefined {
  const found = CONFIG_FILE_NAMES.filter((name) => entries.has(name)).map((name) => join(dir, name)).filter(isFile);
  if (found.length > 1) {
    throw new ConfigError([{ file: found[1]!, line: 1, column: 1, message: `more than one config file in ${dir} (${found.map((f) => f.slice(dir.length + 1)).join(', ')}): keep one` }]);
  }
  return found[0];
}

function isFile(path: string): boolean {
  return statIfAny(path)?.isFile() ?? false;
}
