/** Host paths behind a service's mounts: bind sources, and named volumes bound to a host path. */
import { get, isMap, isScalar, isSeq, str, type LNode } from '../model/node.js';
import type { Mount, Project, Service } from '../model/project.js';
import { resolveHostPath } from '../model/mounts.js';
import type { Loc } from '../types.js';
import { isInterpolated } from './values.js';

export interface VolumeDevice {
  /** The device path, resolved against the project directory. */
  path: string;
  node: LNode;
  relative: boolean;
}

/** A top-level volume whose local driver binds a host path (`driver_opts: {o: bind, device: /path}`). */
export function volumeDevice(project: Project, name: string): VolumeDevice | undefined {
  const declared = project.volumes.get(name);
  if (!declared || !isMap(declared.node)) return undefined;
  const opts = get(declared.node, 'driver_opts');
  const device = get(opts, 'device');
  const path = str(device);
  if (!path || !/^(?:\/|\.\.?(?:\/|$))/.test(path)) return undefined; // NFS `:/export`, `tmpfs`... are not host paths
  const o = str(get(opts, 'o')) ?? '';
  const type = str(get(opts, 'type')) ?? '';
  if (!/\bbind\b/.test(o) && type !== 'none') return undefined;
  return { path: resolveHostPath(path, project.dir), node: device!, relative: path.startsWith('.') };
}

export interface HostMount {
  mount: Mount;
  path: string;
  /** Where to report: the short-syntax entry, or the long syntax's `source`. */
  at: LNode | Loc;
  /** Set when the host path comes from a named volume's driver_opts.device. */
  volume?: string;
  /** True when written relative to the project directory (`./data`, `../etc`). */
  relative: boolean;
  /** Set when inherited through `volumes_from`: the service named there. */
  from?: string;
}

/** Every host path a service mounts, with where to report it. */
export function hostMounts(project: Project, mounts: Mount[]): HostMount[] {
  const out: HostMount[] = [];
  for (const mount of mounts) {
    const at = mount.longSyntax && mount.sourceLoc ? mount.sourceLoc : mount.node;
    if ((mount.type === 'bind' || mount.type === 'npipe') && mount.source !== undefined && !isTemplated(mount)) {
      out.push({ mount, path: mount.type === 'npipe' ? mount.source : (mount.hostPath ?? mount.source), at, relative: mount.source.startsWith('.') });
    } else if (mount.type === 'volume' && mount.source !== undefined) {
      const device = volumeDevice(project, mount.source);
      if (device) out.push({ mount, path: device.path, at, volume: mount.source, relative: device.relative });
    }
  }
  return out;
}

/**
 * The host paths a service gets through `volumes_from: [svc]`: every mount of svc, and what svc
 * inherits in turn, at the `volumes_from` item; `svc:ro` makes them all read-only.
 */
export function inheritedMounts(project: Project, service: Service, seen = new Set([service.name])): HostMount[] {
  const out: HostMount[] = [];
  const items = get(service.node, 'volumes_from');
  if (!isSeq(items)) return out;
  for (const item of items.items) {
    const [name, mode] = (str(item) ?? '').split(':');
    const source = name === undefined ? undefined : project.serviceByName.get(name);
    // `container:x` is outside the project; a cycle is compose's error to report.
    if (!source || seen.has(source.name)) continue;
    const held = [...hostMounts(project, source.mounts), ...inheritedMounts(project, source, new Set([...seen, source.name]))];
    for (const m of held) out.push({ ...m, mount: mode === 'ro' ? { ...m.mount, readOnly: true } : m.mount, at: item, from: source.name });
  }
  return out;
}

/** What a message says of a mount inherited through volumes_from, after the service's name. */
export function inheritedVia(mount: HostMount): string {
  return mount.from === undefined ? '' : `, through volumes_from "${mount.from}",`;
}

/** `${DATA_DIR}:/data`: the host path depends on the environment. */
function isTemplated(mount: Mount): boolean {
  return isInterpolated(mount.source ?? '');
}

/** A host file that `secrets:` or `configs:` hands to the services using it (bind-mounted read-only, outside Swarm). */
export interface ResourceFile {
  kind: 'secret' | 'config';
  name: string;
  path: string;
  at: LNode;
  relative: boolean;
}

export function resourceFiles(project: Project): ResourceFile[] {
  const out: ResourceFile[] = [];
  for (const [kind, resources] of [['secret', project.secrets], ['config', project.configs]] as const) {
    for (const [name, declared] of resources) {
      const file = get(declared.node, 'file');
      const source = str(file);
      if (source === undefined || !isScalar(file)) continue;
      out.push({ kind, name, path: resolveHostPath(source, file.baseDir ?? project.dir), at: file, relative: source.startsWith('.') });
    }
  }
  return out;
}
