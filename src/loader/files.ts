/** Which files make up a project when none are named: Compose's default and override file names. */
import { statIfAny } from '../probe.js';
import { basename, dirname, join } from 'node:path';
import { asciiLower } from '../ascii.js';

/** Files `docker compose` looks for, in compose-go's order of preference. */
export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** Override files merged over a default file, in compose-go's order; only the first found is used. */
export const DEFAULT_OVERRIDE_FILES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

export function isOverrideFileName(name: string): boolean {
  return DEFAULT_OVERRIDE_FILES.includes(name);
}

/** `compose.yaml`, `docker-compose.yml`...: a name `docker compose` finds by itself. */
export function isDefaultComposeName(file: string): boolean {
  return /^(docker-)?compose\.ya?ml$/.test(asciiLower(basename(file)));
}

/**
 * A project of one file named as an overlay of a default file (`compose.prod.yaml`,
 * `docker-compose.override.yml`, `docker-compose-dev.yml`), usually merged with
 * `-f base -f overlay`: it may name services only the base defines.
 */
export function mayBeOverlay(files: readonly string[]): boolean {
  return files.length === 1 && !isDefaultComposeName(files[0]!) && /(^|[._-])(docker-)?compose[.-][^/]+\.ya?ml$/.test(asciiLower(basename(files[0]!)));
}

function isFile(path: string): boolean {
  return statIfAny(path)?.isFile() ?? false;
}

/** `docker-compose` or `compose`: the family of a default or override file name. */
function familyOf(name: string): string {
  return name.startsWith('docker-') ? 'docker-compose' : 'compose';
}

/**
 * The override file merged over `path` (a default-named file) when it is linted as a project, if any.
 * Each default file takes the override of its own family (`docker-compose.yml` with
 * `docker-compose.override.yml`, `compose.yaml` with `compose.override.yaml`): a directory holding
 * both families is two projects, each with its own override. Without one of its own family, it takes
 * the first of the other family in compose-go's order, unless a default file of that family is beside
 * it to claim it (compose.override.yaml was written for compose.yaml, not for docker-compose.yml).
 */
export function overrideFileFor(path: string): string | undefined {
  const name = basename(path);
  if (!DEFAULT_COMPOSE_FILES.includes(name)) return undefined;
  const dir = dirname(path);
  const found = DEFAULT_OVERRIDE_FILES.filter((o) => isFile(join(dir, o)));
  if (found.length === 0) return undefined;
  const own = found.find((o) => familyOf(o) === familyOf(name));
  if (own !== undefined) return join(dir, own);
  const claimed = (family: string) => DEFAULT_COMPOSE_FILES.some((b) => familyOf(b) === family && isFile(join(dir, b)));
  const other = found.find((o) => !claimed(familyOf(o)));
  return other === undefined ? undefined : join(dir, other);
}

/**
 * The override file `docker compose` itself merges over the default file it chose (`path`): the
 * first in compose-go's order, whatever its family. For running with no path, where the linter
 * checks what `docker compose up` would run.
 */
export function composeOverrideFor(path: string): string | undefined {
  if (!DEFAULT_COMPOSE_FILES.includes(basename(path))) return undefined;
  const dir = dirname(path);
  return DEFAULT_OVERRIDE_FILES.map((name) => join(dir, name)).find(isFile);
}

/** The default-named files in `dir` that merge `override` when linted (see overrideFileFor), in compose-go's order. */
export function baseFilesOf(override: string): string[] {
  if (!isOverrideFileName(basename(override))) return [];
  const dir = dirname(override);
  return DEFAULT_COMPOSE_FILES.map((name) => join(dir, name)).filter((base) => isFile(base) && overrideFileFor(base) === override);
}

/** The default compose file in `dir`, if any. */
export function defaultFileIn(dir: string): string | undefined {
  return DEFAULT_COMPOSE_FILES.map((name) => join(dir, name)).find(isFile);
}
