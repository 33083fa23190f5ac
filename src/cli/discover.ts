/** Turning command-line paths into compose files, as `docker compose` and a linter user expect. */
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { baseFilesOf, DEFAULT_COMPOSE_FILES } from '../loader/files.js';
import { statIfAny } from '../probe.js';

export { DEFAULT_COMPOSE_FILES };
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isComposeFileName(name: string): boolean {
  return DEFAULT_COMPOSE_FILES.includes(name) || /^(.+\.)?compose\.ya?ml$/.test(name) || /^docker-compose\..+\.ya?ml$/.test(name) || /^compose\..+\.ya?ml$/.test(name);
}

export interface Discovered {
  files: string[];
  /** Paths given on the command line that do not exist or cannot be read. */
  missing: { path: string; message: string }[];
  /** Sizes of the files named on the command line, from the stat that told them from directories. */
  sizes: Map<string, number>;
  /** Base files standing for the override file named in their place (absolute paths), by that override. */
  standsFor?: Map<string, string>;
}

export interface DiscoverOptions {
  /** Override files are merged into their base project (default true), so they are not linted on their own. */
  override?: boolean;
}

/**
 * For an override file: the default compose file beside it that merges it (absolute), if any; the one
 * of its own family first (docker-compose.override.yml belongs to docker-compose.yml even beside compose.yaml).
 */
export function baseFileOf(file: string): string | undefined {
  return baseFilesOf(resolve(file))[0];
}

/** Expands directories (recursively, skipping VCS and dependency folders, never following symlinked directories). */
export async function discover(paths: string[], options: DiscoverOptions = {}): Promise<Discovered> {
  const files: string[] = [];
  const missing: Discovered['missing'] = [];
  const sizes = new Map<string, number>();
  const walked = new Set<string>();
  for (const path of paths) {
    // Synchronous: fs.promises (with readline and friends) is loaded only when a directory is walked.
    const stat = statIfAny(path);
    if (!stat) {
      // Let the reader report files: it gives the precise reason (missing, permission, loop).
      files.push(path);
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      await walk(path, found);
      if (found.length === 0) missing.push({ path, message: 'no compose files found in this directory' });
      files.push(...found.sort());
      for (const f of found) walked.add(f);
    } else {
      files.push(path);
      sizes.set(path, stat.size);
    }
  }
  const unique = [...new Set(files)];
  // --no-override: an override file a directory scan finds beside its base is left out (named, it is linted as asked).
  if (options.override === false) return { files: unique.filter((f) => !walked.has(f) || baseFileOf(f) === undefined), missing, sizes };
  // compose.override.yaml belongs to the project of the base file beside it, which merges it
  // (withOverride): linted alone (pre-commit passes only the staged file) it would miss what the
  // merge makes of it. It stands for that project, once, unless no base file uses it.
  const listed = new Set(unique.map((f) => resolve(f)));
  const kept: string[] = [];
  const standsFor = new Map<string, string>();
  for (const f of unique) {
    const base = baseFileOf(f);
    if (base === undefined) kept.push(f);
    else if (!listed.has(base)) {
      listed.add(base);
      kept.push(join(dirname(f), basename(base)));
      standsFor.set(base, resolve(f));
    }
  }
  return { files: kept, missing, sizes, standsFor };
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(path, out);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isComposeFileName(entry.name)) {
      out.push(path);
    }
  }
}

/** The compose file `docker compose` would use with no `-f`: the first default name in the directory or a parent. */
export async function findDefaultComposeFile(cwd: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of DEFAULT_COMPOSE_FILES) {
      const candidate = join(dir, name);
      try {
        if ((await fs.stat(candidate)).isFile()) return candidate;
      } catch {
        // not here
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
