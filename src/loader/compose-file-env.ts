/** COMPOSE_FILE: the files `docker compose` loads when none is named, set in `.env` or the environment. */
import { resolve } from 'node:path';
import { loadEnvironment } from './environment.js';
import { readSourceFileSync } from './read.js';

export interface ComposeFileEnvOptions {
  envFiles?: string[];
  useProcessEnv?: boolean;
  env?: Record<string, string | undefined>;
}

/** The files COMPOSE_FILE names (split on COMPOSE_PATH_SEPARATOR, default `:`), relative to the project directory; undefined when unset. */
export function composeFileFromEnv(projectDir: string, options: ComposeFileEnvOptions = {}): string[] | undefined {
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
  return files.length > 0 ? files.map((f) => resolve(projectDir, f)) : undefined;
}
