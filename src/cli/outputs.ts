/**
 * Output files must never be files the run reads: `-o docker-compose.yml` (meant as `-f`) would
 * replace the compose file with the report. Paths are compared as real paths (and as the same
 * file on disk when both exist), so `./x`, a symlink or a hard link to an input are caught too.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './options.js';

interface Output {
  flag: string;
  path: string;
  real: string;
  id?: string;
}

/** The file's real path; for a file that does not exist (yet), its directory's real path and its name. */
function realOf(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/** Device and inode of an existing file: one file under two names (a hard link) has one. */
function idOf(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? `${stat.dev}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}

export class OutputGuard {
  private readonly outputs: Output[] = [];
  private readonly checked = new Set<string>();

  /** `outputs`: flag as the user knows it, and the path given (undefined: not given). */
  constructor(outputs: [flag: string, path: string | undefined][]) {
    for (const [flag, path] of outputs) {
      if (path === undefined) continue;
      const output: Output = { flag, path, real: realOf(path) };
      const id = idOf(output.real);
      if (id !== undefined) output.id = id;
      const same = this.outputs.find((o) => o.real === output.real || (id !== undefined && o.id === id));
      if (same) throw new UsageError(`${same.flag} and ${flag} name the same file: give them different paths`);
      this.outputs.push(output);
    }
  }

  get active(): boolean {
    return this.outputs.length > 0;
  }

  /** Refuses (a usage error, exit code 2) when an output names one of these files the run reads; `what` says what they are. */
  check(inputs: Iterable<string | undefined>, what = 'a file this run reads'): void {
    if (this.outputs.length === 0) return;
    for (const input of inputs) {
      if (input === undefined || this.checked.has(input)) continue;
      this.checked.add(input);
      const real = realOf(input);
      const id = this.outputs.some((o) => o.id !== undefined) ? idOf(real) : undefined;
      const output = this.outputs.find((o) => o.real === real || (id !== undefined && o.id === id));
      if (output) throw new UsageError(`${output.flag} ${output.path} is ${what}: refusing to overwrite it; give another path`);
    }
  }
}
