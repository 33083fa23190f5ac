/**
 * The checks compose-go runs on a loaded project before it starts anything
 * (checkConsistency), and the ones the engine makes when it creates the containers: dependency
 * cycles, a platform the build does not produce, a port bound to something that is not an IP address,
 * a boolean written as a string compose-go cannot cast.
 */
import type { Loc } from '../types.js';
import { BOOLEAN_STRINGS, bool, get, isMap, isScalar, isSeq, str, type LMap, type LNode, type LScalar } from '../model/node.js';
import { isIpAddress, parseShortPort } from '../model/ports.js';

export function checkConsistency(root: LMap, problem: (message: string, loc: Loc) => void): void {
  booleans(root, problem);
  const services = get(root, 'services');
  if (!isMap(services)) return;
  const deps = new Map<string, LScalar[]>();
  for (const { key, value } of services.entries) {
    const node = get(value, 'depends_on');
    const refs = isSeq(node) ? node.items.filter(isScalar) : isMap(node) ? node.entries.map((e) => e.key) : [];
    deps.set(String(key.value), refs.filter((r) => r.value !== null));
    platforms(String(key.value), value, problem);
    portAddresses(String(key.value), value, problem);
  }
  // Depth-first search; each cycle is reported once, at the reference that closes it.
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const ref of deps.get(name) ?? []) {
      const target = String(ref.value);
      if (state.get(target) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(target)), target].join(' -> ');
        problem(`dependency cycle in depends_on: ${cycle}; Compose refuses to start it`, ref.loc);
      } else if (!state.has(target) && deps.has(target)) visit(target);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of deps.keys()) if (!state.has(name)) visit(name);
}

function platforms(name: string, service: LNode, problem: (message: string, loc: Loc) => void): void {
  const platformNode = get(service, 'platform');
  const platform = str(platformNode);
  const list = get(get(service, 'build'), 'platforms');
  if (platform === undefined || !isSeq(list) || list.items.some((i) => isScalar(i) && i.unknown)) return;
  const built = list.items.map(str);
  if (!built.includes(platform)) {
    problem(`service "${name}" runs on platform ${platform}, which its build.platforms (${built.join(', ')}) does not include; Compose refuses this`, platformNode!.loc);
  }
}

/** Docker parses a port's host address with net.ParseIP: `localhost:5432:5432` does not start. */
function portAddresses(name: string, service: LNode, problem: (message: string, loc: Loc) => void): void {
  const ports = get(service, 'ports');
  if (!isSeq(ports)) return;
  for (const item of ports.items) {
    const node = isMap(item) ? get(item, 'host_ip') : item;
    if (!isScalar(node) || node.unknown || typeof node.value !== 'string') continue;
    const address = isMap(item) ? node.value : parseShortPort(node.value)?.hostIp;
    if (address === undefined || address.trim() === '' || isIpAddress(address)) continue;
    problem(`service "${name}" publishes a port on "${address}", which is not an IP address; Docker refuses it (write 127.0.0.1 for this host only)`, node.loc);
  }
}

/** compose-go's boolean casts (interpolateTypeCastMapping): paths below the service or the resource. */
const SERVICE_BOOLEANS = [['privileged'], ['read_only'], ['init'], ['tty'], ['stdin_open'], ['oom_kill_disable'], ['healthcheck', 'disable']];
const MOUNT_BOOLEANS = [['read_only'], ['volume', 'nocopy']];
const RESOURCE_BOOLEANS: Record<string, string[]> = {
  networks: ['external', 'internal', 'attachable', 'enable_ipv4', 'enable_ipv6'],
  volumes: ['external'],
  secrets: ['external'],
  configs: ['external'],
};

/** A string where Compose wants a boolean must be one it casts ("maybe", or "1" from a variable, stops it). */
function booleans(root: LMap, problem: (message: string, loc: Loc) => void): void {
  const check = (node: LNode | undefined, path: string): void => {
    if (!isScalar(node) || node.unknown || typeof node.value !== 'string' || BOOLEAN_STRINGS.has(node.value.toLowerCase())) return;
    problem(`${path}: invalid boolean "${node.value}"; Compose refuses it (write true or false)`, node.loc);
  };
  const at = (node: LNode | undefined, keys: string[]): LNode | undefined => keys.reduce<LNode | undefined>((n, k) => get(n, k), node);
  const services = get(root, 'services');
  for (const { key, value } of isMap(services) ? services.entries : []) {
    const name = String(key.value);
    for (const path of SERVICE_BOOLEANS) check(at(value, path), `services.${name}.${path.join('.')}`);
    const volumes = get(value, 'volumes');
    (isSeq(volumes) ? volumes.items : []).forEach((mount, i) => {
      if (isMap(mount)) for (const path of MOUNT_BOOLEANS) check(at(mount, path), `services.${name}.volumes.${i}.${path.join('.')}`);
    });
  }
  for (const [section, keys] of Object.entries(RESOURCE_BOOLEANS)) {
    const resources = get(root, section);
    for (const { key, value } of isMap(resources) ? resources.entries : []) {
      for (const k of keys) check(get(value, k), `${section}.${String(key.value)}.${k}`);
    }
  }
}

/**
 * Profiles do not pull in what a started service names: a reference to a service the active
 * profiles leave out (depends_on unless `required: false`, links, network_mode or volumes_from
 * `service:x`) makes Compose refuse the model (profiles chapter of the Compose Specification).
 */
export function checkProfileReferences(all: LMap, kept: LMap, problem: (message: string, loc: Loc) => void): void {
  const keptServices = get(kept, 'services');
  const allServices = get(all, 'services');
  if (!isMap(keptServices) || !isMap(allServices)) return;
  const active = new Set(keptServices.entries.map((e) => String(e.key.value)));
  const disabled = (name: string | undefined): name is string => name !== undefined && !active.has(name) && get(allServices, name) !== undefined;
  for (const { key, value } of keptServices.entries) {
    const refs: { target: string | undefined; node: LNode; how: string }[] = [];
    const depends = get(value, 'depends_on');
    if (isSeq(depends)) for (const item of depends.items) refs.push({ target: str(item), node: item, how: 'depends on' });
    if (isMap(depends)) {
      for (const e of depends.entries) if (bool(get(e.value, 'required')) !== false) refs.push({ target: String(e.key.value), node: e.key, how: 'depends on' });
    }
    const links = get(value, 'links');
    if (isSeq(links)) for (const item of links.items) refs.push({ target: str(item)?.split(':')[0], node: item, how: 'links to' });
    const mode = get(value, 'network_mode');
    if (isScalar(mode) && str(mode)?.startsWith('service:')) refs.push({ target: str(mode)!.slice('service:'.length), node: mode, how: 'shares the network stack of' });
    const from = get(value, 'volumes_from');
    if (isSeq(from)) for (const item of from.items) if (!str(item)?.startsWith('container:')) refs.push({ target: str(item)?.split(':')[0], node: item, how: 'takes volumes from' });
    for (const ref of refs) {
      if (!disabled(ref.target)) continue;
      problem(`service "${String(key.value)}" ${ref.how} "${ref.target}", which the active profiles do not start; Compose refuses this (enable a profile of "${ref.target}")`, ref.node.loc);
    }
  }
}
