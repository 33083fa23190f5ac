/**
 * The checks compose-go runs on a loaded project before it starts anything (checkConsistency),
 * and the ones the engine makes when it creates the containers: references to services that are
 * not started, dependency cycles, a platform the build does not produce, a port bound to something
 * that is not an IP address or beside a shared network stack, network_mode beside networks, a
 * boolean compose-go cannot cast.
 */
import type { Loc, Severity } from '../types.js';
import { BOOLEAN_STRINGS, bool, entry, get, isMap, isScalar, isSeq, str, type LEntry, type LMap, type LNode, type LScalar } from '../model/node.js';
import { isIpAddress, parseShortPort } from '../model/ports.js';
import { writtenLoc } from '../hardening/values.js';

/** Checks compose-go makes before --profile applies: every service, enabled or not. */
export function checkWholeProject(root: LMap, problem: (message: string, loc: Loc) => void): void {
  booleans(root, problem);
  externalNetworks(root, problem);
}

/**
 * `root` is the project after --profile, `all` before it; a `partial` project (an overlay linted
 * without its base) may name services it does not define, and its services may lack an image.
 * `incomplete` services (a failed `extends`, already reported) are not said to lack one.
 */
export function checkConsistency(root: LMap, all: LMap, partial: boolean, problem: (message: string, loc: Loc, severity?: Severity) => void, incomplete: ReadonlySet<string> = new Set()): void {
  const services = get(root, 'services');
  if (!isMap(services)) return;
  // compose-go turns links, volumes_from and namespaces `service:x` into depends_on: one graph.
  const deps = new Map<string, ServiceRef[]>();
  for (const { key, value } of services.entries) {
    const name = String(key.value);
    deps.set(name, serviceRefs(value));
    platforms(name, value, problem);
    portAddresses(name, value, problem);
    portsBesideSharedStack(name, value, problem);
    networksAndNetworkMode(name, value, problem);
    blankEnvironmentNames(name, value, (message, loc) => problem(message, loc, 'warning'));
    if (!partial && !incomplete.has(name) && lacksImageAndBuild(value)) {
      problem(`service "${name}" has neither an image nor a build context; Compose refuses it`, key.loc);
    }
  }
  // Depth-first search; each cycle is reported once, at the reference that closes it.
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const ref of deps.get(name) ?? []) {
      if (state.get(ref.target) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(ref.target)), ref.target].join(' -> ');
        problem(`dependency cycle: ${cycle} (service "${name}" ${ref.how} "${ref.target}"); Compose refuses to start it`, ref.node.loc);
      } else if (!state.has(ref.target) && deps.has(ref.target)) visit(ref.target);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of deps.keys()) if (!state.has(name)) visit(name);
  serviceReferences(deps, get(all, 'services'), partial, problem);
}

/** A service Compose cannot create alone: it only adds to a base (an overlay), or Compose refuses it. */
export function lacksImageAndBuild(service: LNode): boolean {
  return isMap(service) && entry(service, 'image') === undefined && entry(service, 'build') === undefined;
}

interface ServiceRef {
  target: string;
  node: LNode;
  how: string;
  /** False for `depends_on: {x: {required: false}}`: Compose goes on without x. */
  required: boolean;
}

/** Keys that can take another service's namespace (`service:x`), as compose-go reads them. */
const NAMESPACES: [string, string][] = [['network_mode', 'network stack'], ['ipc', 'IPC namespace'], ['pid', 'PID namespace'], ['uts', 'UTS namespace'], ['cgroup', 'cgroup namespace']];

/** The services a service names: depends_on, links, volumes_from and namespaces (`service:x`). */
function serviceRefs(service: LNode): ServiceRef[] {
  const refs: ServiceRef[] = [];
  const add = (target: string | undefined, node: LNode, how: string, required = true) => {
    if (target !== undefined) refs.push({ target, node, how, required });
  };
  const depends = get(service, 'depends_on');
  if (isSeq(depends)) for (const item of depends.items) add(str(item), item, 'depends on');
  if (isMap(depends)) for (const e of depends.entries) add(String(e.key.value), e.key, 'depends on', bool(get(e.value, 'required')) !== false);
  const links = get(service, 'links');
  if (isSeq(links)) for (const item of links.items) add(str(item)?.split(':')[0], item, 'links to');
  for (const [key, what] of NAMESPACES) {
    const node = get(service, key);
    const text = str(node);
    if (text?.startsWith('service:')) add(text.slice('service:'.length), node!, `shares the ${what} of`);
  }
  const from = get(service, 'volumes_from');
  if (isSeq(from)) for (const item of from.items) if (!str(item)?.startsWith('container:')) add(str(item)?.split(':')[0], item, 'takes volumes from');
  return refs;
}

/** Docker refuses `ports:` on a container that uses another one's network stack. */
function portsBesideSharedStack(name: string, service: LNode, problem: (message: string, loc: Loc) => void): void {
  const mode = str(get(service, 'network_mode'));
  const ports = get(service, 'ports');
  if (!mode || !/^(service|container):/.test(mode) || !isSeq(ports) || ports.items.length === 0) return;
  problem(`service "${name}" publishes ports but uses network_mode ${mode}: Docker refuses this ("conflicting options"); publish them on the service whose network stack it shares`, ports.items[0]!.loc);
}

/**
 * The `networks:` entry compose-go refuses beside `network_mode` ("mutually exclusive"). An empty
 * `networks:` is no conflict, and neither is a network_mode given by an unset variable (it may be empty).
 * The network rules read such a service by its network_mode alone, so this block is reported once, here.
 */
export function networksBesideNetworkMode(service: LNode): LEntry | undefined {
  const networks = entry(service, 'networks');
  if (!str(get(service, 'network_mode')) || !networks) return undefined;
  const listed = isSeq(networks.value) ? networks.value.items.length : isMap(networks.value) ? networks.value.entries.length : 0;
  return listed === 0 ? undefined : networks;
}

function networksAndNetworkMode(name: string, service: LNode, problem: (message: string, loc: Loc) => void): void {
  const networks = networksBesideNetworkMode(service);
  if (!networks) return;
  const mode = str(get(service, 'network_mode'))!;
  problem(`service "${name}" declares mutually exclusive network_mode (${mode}) and networks; Compose refuses this: keep network_mode and remove networks, or remove network_mode to join the networks`, networks.key.loc);
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
 * What a started service names must be started too. A service that does not exist makes Compose
 * refuse the project; so does one the active profiles leave out, since profiles do not pull in
 * what a started service names (profiles chapter of the Compose Specification). `required: false`
 * dependencies may be missing. `deps` holds the started services' references.
 */
function serviceReferences(deps: Map<string, ServiceRef[]>, allServices: LNode | undefined, partial: boolean, problem: (message: string, loc: Loc) => void): void {
  for (const [name, refs] of deps) {
    for (const ref of refs) {
      if (!ref.required || deps.has(ref.target)) continue;
      if (ref.target === '') problem(`service "${name}" ${ref.how} a service without a name; Compose refuses it`, ref.node.loc);
      else if (get(allServices, ref.target) === undefined) {
        if (!partial) problem(`service "${name}" ${ref.how} "${ref.target}", which is not a service of this project; Compose refuses it`, ref.node.loc);
      } else problem(`service "${name}" ${ref.how} "${ref.target}", which the active profiles do not start; Compose refuses this (enable a profile of "${ref.target}")`, ref.node.loc);
    }
  }
}

/** An external network is used as it exists: compose-go rejects any attribute beside `name` (validateExternal). */
function externalNetworks(root: LMap, problem: (message: string, loc: Loc) => void): void {
  const networks = get(root, 'networks');
  for (const { key, value } of isMap(networks) ? networks.entries : []) {
    const external = get(value, 'external');
    if (!isMap(value) || !(bool(external) === true || isMap(external))) continue;
    for (const e of value.entries) {
      const attribute = String(e.key.value);
      if (attribute === 'name' || attribute === 'external' || attribute.startsWith('x-')) continue;
      problem(`networks.${String(key.value)}: conflicting parameters "external" and "${attribute}" specified; Compose refuses this (an external network keeps the settings it was created with)`, e.key.loc);
    }
  }
}

/**
 * `- POSTGRES_PASSWORD = x`: Compose splits at the first `=` and keeps the blanks, so the container
 * gets a variable named "POSTGRES_PASSWORD " and the image sees none: it may start with its
 * default, or no, password. Not refused by Compose, hence a warning.
 */
function blankEnvironmentNames(name: string, service: LNode, problem: (message: string, loc: Loc) => void): void {
  const env = get(service, 'environment');
  const names: { written: string; loc: Loc }[] = [];
  if (isSeq(env)) {
    for (const item of env.items) {
      const text = str(item);
      if (text === undefined) continue;
      const eq = text.indexOf('=');
      const written = eq === -1 ? text : text.slice(0, eq);
      // The name is usually written as is, even when the value is interpolated: point at it.
      const literal = ((item as LScalar).source ?? text).startsWith(written);
      names.push({ written, loc: (literal ? writtenLoc(item as LScalar, 0, written.length) : undefined) ?? item.loc });
    }
  } else if (isMap(env)) {
    for (const { key } of env.entries) names.push({ written: String(key.value), loc: key.loc });
  }
  for (const { written, loc } of names) {
    const trimmed = written.trim();
    if (trimmed === written || trimmed === '') continue;
    problem(`environment variable ${JSON.stringify(written)} of service "${name}" has a blank around its name: Compose keeps it, so the container gets a variable named ${JSON.stringify(written)} and no ${trimmed}; remove the blanks (${trimmed}=value)`, loc);
  }
}
