/**
 * The file a service finds at a path in its container, as the compose file puts it there: a bind
 * mount of the file, of a directory above it (then only that exact name is read, never a listing),
 * or a `configs:` entry. Files are read through SideFiles and only from under the project directory.
 */
import { posix } from 'node:path';
import { serviceConfigs } from '../graph/config-files.js';
import type { SideFiles } from '../graph/side-files.js';
import type { LNode } from '../model/node.js';
import type { Project, Service } from '../model/project.js';
import { within } from './paths.js';

export interface MountedFile {
  /** The path in the container. */
  path: string;
  /** As messages name it: `config file traefik/traefik.yml` (from the project directory), or `config "name"` for `content:`. */
  name: string;
  /** The host file it is read from; undefined for `content:` and for a file that is not read. */
  hostPath?: string;
  /** The text: undefined when the file is there but not read (outside the project, too large, a variable...). */
  text?: string;
  /** The mount or `configs:` entry that puts it there. */
  at: LNode;
}

/**
 * A file that is there, 'unknown' when something is mounted there whose content is not known here
 * (a named volume, a directory outside the project), or undefined when nothing mounted provides it.
 */
export type FileAt = MountedFile | 'unknown' | undefined;

interface Source {
  /** Where it is mounted in the container (normalised). */
  target: string;
  at: LNode;
  /** A host path to read (a bind source or a `file:` config), the text of a `content:` config, or neither (not known). */
  host?: string;
  content?: string;
  /** `configs:` entries are files; a bind may be a file or a directory; a tmpfs starts empty; other mounts hold what is not known here. */
  kind: 'config' | 'bind' | 'tmpfs' | 'other';
  configName?: string;
}

/** The absolute, normalised container path, or undefined when it is not one (relative, or holding a variable). */
function containerPath(path: string | undefined): string | undefined {
  if (path === undefined || !path.startsWith('/') || path.includes('$')) return undefined;
  const normal = posix.normalize(path);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

function sources(service: Service, project: Project): Source[] {
  const out: Source[] = [];
  for (const mount of service.mounts) {
    const target = containerPath(mount.target);
    if (target === undefined || mount.type === 'npipe') continue;
    const host = mount.type === 'bind' && mount.hostPath?.startsWith('/') ? posix.normalize(mount.hostPath) : undefined;
    const kind = mount.type === 'bind' || mount.type === 'tmpfs' ? mount.type : 'other';
    out.push({ target, at: mount.node, kind, ...(host ? { host } : {}) });
  }
  for (const config of serviceConfigs(service, project)) {
    const target = containerPath(config.target);
    if (target === undefined) continue;
    const source: Source = { target, at: config.item, kind: 'config', configName: config.name };
    if (config.hostPath !== undefined) source.host = config.hostPath;
    else if (config.content !== undefined) source.content = config.content;
    out.push(source);
  }
  return out;
}

/** What the service has at `path` in its container (see FileAt). */
export function fileAt(service: Service, project: Project, files: SideFiles, path: string): FileAt {
  // Docker mounts the deeper target over the shallower one: the most specific source decides.
  let found: Source | undefined;
  for (const s of sources(service, project)) {
    if (within(path, s.target) && (!found || s.target.length >= found.target.length)) found = s;
  }
  if (!found) return undefined;
  const source = found;
  const read = (host: string): MountedFile => {
    const inside = within(host, project.dir);
    const text = inside ? files.text(host) : undefined;
    const name = inside ? `config file ${posix.relative(project.dir, host)}` : `file ${host}`;
    return { path, name, at: source.at, ...(inside ? { hostPath: host } : {}), ...(text !== undefined ? { text } : {}) };
  };
  if (source.target === path) {
    // Mounted at the path itself: something is there when the container runs (a missing bind source stops it first).
    if (source.content !== undefined) return { path, name: `config "${source.configName}"`, text: source.content, at: source.at };
    if (source.host !== undefined) return read(source.host);
    return { path, name: source.configName ? `config "${source.configName}"` : `a mount at ${path}`, at: source.at };
  }
  // A directory above the path: only a bind from under the project can be looked into, at that one name.
  if (source.kind === 'config' || source.kind === 'tmpfs') return undefined;
  if (source.kind === 'other' || source.host === undefined) return 'unknown';
  const host = posix.join(source.host, posix.relative(source.target, path));
  if (!within(host, project.dir)) return 'unknown';
  const file = read(host);
  return file.text === undefined ? undefined : file;
}

/** What `parse` makes of a mounted file's text, worked out once per file (undefined when the text is not known). */
export function parsed<T>(files: SideFiles, file: MountedFile, kind: string, parse: (text: string) => T): T | undefined {
  if (file.hostPath !== undefined) return files.derive(kind, file.hostPath, (text) => (text === undefined ? undefined : parse(text)));
  return file.text === undefined ? undefined : parse(file.text);
}
