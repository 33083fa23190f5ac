/** Which files make up a project when none are named: Compose's default and override file names. */
import { statIfAny } from '../probe.js';
import { basename, dirname, join } from 'node:path';

/** Files `docker compose` looks for, in compose-go's order of preference. */
export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** Override files merged over a default file, in compose-go's order; only the first found is used. */
export const DEFAULT_OVERRIDE_FILES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

export function isOverrideFileName(name: string): boolean {
  return DEFAULT_OVERRIDE_FILES.includes(name);
}

/** `compose.yaml`, `docker-compose.yml`...: a name `docker compose` finds by itself. */
export function isDefaultComposeName(file: string): boolean {
  return /^(docker-)?compose\.ya?ml$/i.test(basename(file));
}

/**
 * A project of one file named as an overlay of a default file (`compose.prod.yaml`,
 * `docker-compose.override.yml`, `docker-compose-dev.yml`), usually merged with
 * `-f base -f overlay`: it may name services only the base defines.
 */
export function mayBeOverlay(files: readonly string[]): boolean {
  return files.length === 1 && !isDefaultComposeName(files[0]!) && /(^|[._-])(docker-)?compose[.-][^/]+\.ya?ml$/i.test(basename(files[0]!));
}

function isFile(path: string): boolean {
  return statIfAny(path)?.isFile() ?? false;
}

/** The override file `docker compose` would merge over `path` (a default-named file), if any. */
export function overrideFileFor(path: string): string | undefined {
  if (!DEFAULT_COMPOSE_FILES.includes(basename(path))) return undefined;
  const dir = dirname(path);
  return DEFAULT_OVERRIDE_FILES.map((name) => join(dir, name)).find(isFile);
}

/** The default compose file in `dir`, if any. */
export function defaultFileIn(dir: string): string | undefined {
  return DEFAULT_COMPOSE_FILES.map((name) => join(dir, name)).find(isFile);
}
