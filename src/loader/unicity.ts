/**
 * compose-go's unicity rules for list attributes: ports by address, volumes and
 * secrets by target, `KEY=VALUE` lists by key. When files are merged, a later
 * entry with the same key replaces the earlier one in place.
 */
import { parseShortPort } from '../model/ports.js';
import { splitShortVolume } from '../model/mounts.js';
import { get, isMap, isScalar, str, type LNode, type LSeq } from '../model/node.js';

export type Indexer = (item: LNode) => string | undefined;

/** The written text for unknown values: two different unresolved entries must not collapse. */
function text(item: LNode): string | undefined {
  if (!isScalar(item) || item.value === null) return undefined;
  return item.unknown ? `\0${item.source ?? ''}` : String(item.value);
}

const keyValue: Indexer = (item) => {
  const t = text(item);
  if (t === undefined) return undefined;
  const eq = t.indexOf('=');
  return eq === -1 ? t : t.slice(0, eq);
};
const whole: Indexer = text;

const port: Indexer = (item) => {
  if (isScalar(item)) {
    const t = text(item);
    const parsed = t !== undefined && !item.unknown ? parseShortPort(t) : undefined;
    return parsed ? `${parsed.hostIp ?? ''}:${parsed.published ?? ''}:${parsed.target}/${parsed.protocol}` : t;
  }
  if (!isMap(item)) return undefined;
  const f = (k: string): string => str(get(item, k)) ?? '';
  return `${f('host_ip')}:${f('published')}:${f('target')}/${f('protocol') || 'tcp'}`;
};

const volume: Indexer = (item) => {
  if (isScalar(item)) {
    const t = text(item);
    if (t === undefined || item.unknown) return t;
    const parts = splitShortVolume(t);
    return parts.length === 1 ? parts[0] : parts[1];
  }
  return isMap(item) ? str(get(item, 'target')) : undefined;
};

const mount = (defaultDir: string): Indexer => (item) => {
  if (isScalar(item)) return item.unknown ? text(item) : `${defaultDir}${text(item)}`;
  if (!isMap(item)) return undefined;
  return str(get(item, 'target')) ?? `${defaultDir}${str(get(item, 'source')) ?? ''}`;
};

const envFile: Indexer = (item) => (isMap(item) ? str(get(item, 'path')) : text(item));

const device: Indexer = (item) => {
  const t = text(item);
  if (t === undefined || item.kind !== 'scalar' || item.unknown) return t;
  const parts = t.split(':');
  return parts[1] ?? parts[0];
};

const SERVICE_INDEXERS: Record<string, Indexer> = {
  ports: port,
  volumes: volume,
  secrets: mount('/run/secrets/'),
  configs: mount('/'),
  expose: whole,
  env_file: envFile,
  label_file: whole,
  devices: device,
  environment: keyValue,
  labels: keyValue,
  annotations: keyValue,
  cap_add: whole,
  cap_drop: whole,
  dns: whole,
  dns_opt: whole,
  dns_search: whole,
  links: whole,
  profiles: whole,
  tmpfs: whole,
  sysctls: keyValue,
  extra_hosts: whole,
  // Name lists: Compose reads them as mappings keyed by name, so a merge never repeats one.
  networks: whole,
  depends_on: whole,
};
const BUILD_INDEXERS: Record<string, Indexer> = { args: keyValue, labels: keyValue, tags: whole, platforms: whole, additional_contexts: keyValue };

/** The indexer for a list attribute at `path` (keys from the root), if Compose merges it by key. */
export function indexerAt(path: string[]): Indexer | undefined {
  if (path[0] !== 'services' || path.length < 3) return undefined;
  const [, , attr, sub, leaf] = path as [string, string, string, string?, string?];
  if (path.length === 3) return Object.hasOwn(SERVICE_INDEXERS, attr) ? SERVICE_INDEXERS[attr] : undefined;
  if (attr === 'build' && path.length === 4) return Object.hasOwn(BUILD_INDEXERS, sub!) ? BUILD_INDEXERS[sub!] : undefined;
  if (attr === 'networks' && path.length === 5 && (leaf === 'aliases' || leaf === 'link_local_ips')) return whole;
  return undefined;
}

/**
 * Appends `over` to `base`, except that an entry sharing a key with a base entry replaces it in
 * place. Duplicates within one side are kept: they were written so, and rules should see them.
 */
export function mergeUnique(base: LSeq, over: LSeq, indexer: Indexer): LNode[] {
  const items = [...base.items];
  const index = new Map<string, number>();
  base.items.forEach((item, i) => {
    const key = indexer(item);
    if (key !== undefined && !index.has(key)) index.set(key, i);
  });
  for (const item of over.items) {
    const key = indexer(item);
    const at = key === undefined ? undefined : index.get(key);
    if (at !== undefined) items[at] = item;
    else items.push(item);
  }
  return items;
}
