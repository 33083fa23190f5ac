/** COMPOSE_FILE: the files `docker compose` loads when none is named, set in `.env` or the environment. */
import { resolve } from 'node:path';
import { loadEnvironment } from './environment.js';
import { readSourceFileSync } from './read.js';

export interface ComposeFileEnvOptions {
  envFiles?: string[];
  useProcessEnv?: boolean;
  env?: Record<string, string | undefined>;
}

export interface ComposeFileChoice {
  files: string[];
  /** The variables of the `.env` that set COMPOSE_FILE: Compose keeps using them for the project. */
  vars: Map<string, string>;
}

/** The files COMPOSE_FILE names (split on COMPOSE_PATH_SEPARATOR, default `:`), relative to `dir`; undefined when unset. */
export function composeFileFromEnv(dir: string, options: ComposeFileEnvOptions = {}): ComposeFileChoice | undefined {
  const projectDir = dir;
  const environment = loadEnvironment({
    projectDir,
    envFiles: options.envFiles?.map((f) => resolve(f)),
    overrides: { ...(options.useProcessEnv ? process.env : {}), ...(options.env ?? {}) },
    read: (abs) => readSourceFileSync(abs),
    display: (abs) => abs,
  });
  const value = environment.vars.get('COMPOSE_FILE');
  if (!value) return undefined;
  const separator = environment.vars.get('COMPOSE_PATH_SEPARATOR') || (process.platform === 'win32' ? ';' : ':');
  const files = value.split(separator).map((f) => f.trim()).filter(Boolean);
  return files.length > 0 ? { files: files.map((f) => resolve(projectDir, f)), vars: environment.vars } : undefined;
}
