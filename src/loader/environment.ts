/**
 * The variables a project is interpolated with, as `docker compose` builds them:
 * `--env-file` files in order (or `.env` in the project directory when none is
 * given), then the process environment on top, only when asked for.
 */
import { statIfAny } from '../probe.js';
import { join } from 'node:path';
import { parseDotenv } from './dotenv.js';
import type { LoadError, LoadProblem, Reader } from './types.js';

export interface EnvironmentOptions {
  projectDir: string;
  /** Absolute paths of `--env-file` files; they replace `.env`. */
  envFiles?: string[];
  /** Read `.env` from the project directory when no env file is given (default true). */
  dotenv?: boolean;
  /** Values that win over every file: the process environment with --use-process-env, or values set by a caller. */
  overrides?: Record<string, string | undefined>;
  read: Reader;
  display: (absolutePath: string) => string;
}

export interface Environment {
  vars: Map<string, string>;
  problems: LoadProblem[];
  errors: LoadError[];
}

export function loadEnvironment(options: EnvironmentOptions): Environment {
  const env: Environment = { vars: new Map(), problems: [], errors: [] };
  const overrides = options.overrides ?? {};
  const explicit = options.envFiles ?? [];
  const files = explicit.length > 0 ? explicit : options.dotenv === false ? [] : [join(options.projectDir, '.env')];
  for (const path of files) {
    // Most projects have no `.env`: a stat that cannot throw is cheaper than a failed open.
    if (explicit.length === 0 && statIfAny(path) === undefined) continue;
    const read = options.read(path);
    if (!read.ok) {
      // A missing default `.env` is normal; a missing --env-file is the user's error.
      if (explicit.length > 0) env.errors.push({ file: options.display(path), message: `env file: ${read.message}` });
      continue;
    }
    const parsed = parseDotenv(read.text, options.display(path), { lookup: (name) => overrides[name] ?? env.vars.get(name) });
    for (const problem of parsed.problems) env.problems.push({ kind: 'load', ...problem });
    for (const v of parsed.vars) env.vars.set(v.name, v.value);
  }
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) env.vars.set(name, value);
  return env;
}
