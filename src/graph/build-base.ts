/**
 * The image a service built from a local context starts from: the FROM of the stage Compose builds
 * (`build.target`, else the last one), followed through earlier stages, with the Dockerfile's global
 * ARGs filled from `build.args` or their defaults. Undefined whenever that cannot be known statically.
 */
import { posix } from 'node:path';
import { get, isMap, isScalar, isSeq, str, UNKNOWN_MARK, type LNode } from '../model/node.js';
import { parseDockerfile, type DockerfileBases } from '../model/dockerfile.js';
import type { Project, Service } from '../model/project.js';
import { maskedRepository } from './datastore.js';
import type { SideFiles } from './side-files.js';
import { asciiLower } from '../ascii.js';

interface BuildSpec {
  /** Absolute path of the Dockerfile, or its text for `dockerfile_inline`. */
  dockerfile: { path: string } | { text: string };
  /** The stage to build, lower-cased; undefined for the last one. */
  target?: string;
  /** `build.args` by name; an undefined value is not known (an unset variable, or taken from the environment). */
  args: Map<string, string | undefined>;
  /** `build.additional_contexts` by name: the image of a `docker-image://` context, else undefined. */
  contexts: Map<string, string | undefined>;
}

/** The repository (no registry, tag or digest) of the image the service's build starts from. */
export function buildBaseRepository(service: Service, project: Project, files: SideFiles): string | undefined {
  const spec = service.build ? buildSpec(service.build, project.dir) : undefined;
  if (!spec) return undefined;
  const bases = 'text' in spec.dockerfile
    ? parseDockerfile(spec.dockerfile.text)
    : files.derive('dockerfile', spec.dockerfile.path, (text) => (text === undefined ? undefined : parseDockerfile(text)));
  return bases ? finalBase(bases, spec) : undefined;
}

function buildSpec(build: LNode, projectDir: string): BuildSpec | undefined {
  const contextNode = isMap(build) ? get(build, 'context') : build;
  const context = contextNode === undefined ? '.' : str(contextNode);
  // An unset variable, or a remote context (git, URL): nothing on this disk to read.
  if (context === undefined || /^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//.test(asciiLower(context))) return undefined;
  const dir = posix.resolve((contextNode ?? build).baseDir ?? projectDir, context);
  const spec: BuildSpec = { dockerfile: { path: posix.join(dir, 'Dockerfile') }, args: new Map(), contexts: new Map() };
  if (!isMap(build)) return spec;
  for (const key of ['dockerfile_inline', 'dockerfile', 'target']) {
    const node = get(build, key);
    if (node === undefined) continue;
    const value = str(node);
    if (value === undefined) return undefined;
    if (key === 'dockerfile_inline') spec.dockerfile = { text: value };
    else if (key === 'dockerfile' && !('text' in spec.dockerfile)) spec.dockerfile = { path: posix.resolve(dir, value) };
    else if (key === 'target') spec.target = value.toLowerCase();
  }
  for (const [name, value] of keyValues(get(build, 'args'))) spec.args.set(name, value);
  for (const [name, value] of keyValues(get(build, 'additional_contexts'))) {
    spec.contexts.set(name.toLowerCase(), value?.startsWith('docker-image://') ? value.slice('docker-image://'.length) : undefined);
  }
  return spec;
}

/** A mapping or a `KEY=value` list; a value not known (unset variable, no value given) is undefined. */
function keyValues(node: LNode | undefined): [string, string | undefined][] {
  if (isMap(node)) return node.entries.map(({ key, value }) => [String(key.value), str(value)]);
  if (!isSeq(node)) return [];
  const out: [string, string | undefined][] = [];
  for (const item of node.items) {
    if (!isScalar(item) || item.value === null) continue;
    const text = item.unknown ? item.masked : String(item.value);
    const eq = text?.indexOf('=') ?? -1;
    if (text === undefined || eq <= 0) {
      if (text && !text.includes(UNKNOWN_MARK)) out.push([text, undefined]);
      continue;
    }
    const value = text.slice(eq + 1);
    out.push([text.slice(0, eq), value.includes(UNKNOWN_MARK) ? undefined : value]);
  }
  return out;
}

function finalBase(bases: DockerfileBases, spec: BuildSpec): string | undefined {
  const { stages } = bases;
  let index = spec.target === undefined ? stages.length - 1 : stages.findIndex((s) => s.name === spec.target);
  // Stages name only earlier ones, so this walks backwards and ends.
  while (index >= 0) {
    const masked = expand(stages[index]!.image, (name) => argValue(bases, spec, name));
    if (masked === undefined) return undefined;
    if (!masked.includes(UNKNOWN_MARK)) {
      const name = masked.toLowerCase();
      let earlier = index - 1;
      while (earlier >= 0 && stages[earlier]!.name !== name) earlier--;
      if (earlier >= 0) {
        index = earlier;
        continue;
      }
      if (spec.contexts.has(name)) {
        const image = spec.contexts.get(name);
        return image === undefined ? undefined : maskedRepository(image);
      }
    }
    return maskedRepository(masked);
  }
  return undefined;
}

/** A global ARG's value: from build.args, else its default; undefined when not known or not declared. */
function argValue(bases: DockerfileBases, spec: BuildSpec, name: string): string | undefined {
  if (!bases.args.has(name)) return undefined;
  const value = spec.args.has(name) ? spec.args.get(name) : bases.args.get(name);
  // A default built from other variables is not followed.
  return value === undefined || value.includes('$') ? undefined : value;
}

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-word}` and `${NAME:+word}` (and their forms without `:`),
 * writing UNKNOWN_MARK for a value not known; undefined for a modifier not read here.
 */
function expand(text: string, value: (name: string) => string | undefined): string | undefined {
  let unsupported = false;
  const out = text.replace(/\\\$|\$([A-Za-z_][A-Za-z0-9_]*)|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*)|([^}]*))\}/g, (whole, bare?: string, name?: string, op?: string, word?: string, rest?: string) => {
    if (whole === '\\$') return '$';
    if (rest) {
      unsupported = true;
      return UNKNOWN_MARK;
    }
    const v = value((bare ?? name)!);
    if (v === undefined) return UNKNOWN_MARK;
    if (op === undefined) return v;
    const set = op.startsWith(':') ? v !== '' : true;
    if (op.endsWith('-')) return set ? v : word!;
    return set ? word! : '';
  });
  return unsupported ? undefined : out;
}
