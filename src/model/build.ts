/** Located tree -> typed Project. Tolerant of wrong shapes: schema validation reports them, the model skips them. */
import { posix } from 'node:path';
import type { Loc } from '../types.js';
import { parseMount } from './mounts.js';
import { parsePort } from './ports.js';
import type {
  DeclaredNetwork, DeclaredResource, EnvVar, NamedRef, NetworkMode, NetworkModeKind, Project, Service, ServiceNetworkRef, SourceText,
} from './project.js';
import { bool, entry, get, isMap, isScalar, isSeq, str, type LMap, type LNode, type LScalar } from './node.js';

/** Variables read from one env_file, or null when the file could not be read. */
export type EnvFileValues = { vars: { name: string; value: string; loc: Loc; valueLoc?: Loc; written?: string }[] } | null;

export interface BuildOptions {
  file: string;
  dir: string;
  /** env_file contents keyed by absolute path (see envFileLocation). */
  envFiles?: Map<string, EnvFileValues>;
  name?: string;
  files?: string[];
  sources?: SourceText[];
  /** Services known to be partial (LoadedProject.fragments). */
  fragments?: ReadonlySet<string>;
  /** Services left out by the active profiles: only their networks are kept (Project.inactiveNetworkRefs). */
  inactiveServices?: LMap[];
}

/** Where an env_file entry points: relative to its node's base directory (a file reached through extends or include), else the project directory. */
export function envFileLocation(path: string, baseDir: string | undefined, projectDir: string): string {
  return posix.resolve(baseDir ?? projectDir, path);
}

export function buildProject(root: LMap, options: BuildOptions): Project {
  const project: Project = {
    file: options.file,
    dir: options.dir,
    root,
    services: [],
    serviceByName: new Map(),
    networks: new Map(),
    volumes: declared(get(root, 'volumes')),
    secrets: declared(get(root, 'secrets')),
    configs: declared(get(root, 'configs')),
    skippedServices: [],
  };
  if (options.name !== undefined) project.name = options.name;
  if (options.files) project.files = options.files;
  if (options.sources) project.sources = options.sources;
  if (options.inactiveServices && options.inactiveServices.length > 0) {
    project.inactiveNetworkRefs = options.inactiveServices.flatMap((node): LScalar[] => {
      // A service with neither `networks:` nor `network_mode` joins `default`.
      if (!entry(node, 'networks') && !entry(node, 'network_mode')) return [{ kind: 'scalar', value: 'default', loc: node.loc }];
      return serviceNetworks(get(node, 'networks')).map((ref) => ref.node);
    });
  }
  const services = get(root, 'services');
  if (isMap(services)) {
    for (const { key, value } of services.entries) {
      const name = String(key.value);
      if (!isMap(value)) {
        project.skippedServices.push(name);
        continue;
      }
      const service = buildService(name, key.loc, value, options);
      project.services.push(service);
      project.serviceByName.set(name, service);
    }
  }
  const networks = get(root, 'networks');
  if (isMap(networks)) {
    for (const { key, value } of networks.entries) project.networks.set(String(key.value), buildNetwork(String(key.value), key.loc, value));
  }
  return project;
}

function declared(node: LNode | undefined): Map<string, DeclaredResource> {
  const out = new Map<string, DeclaredResource>();
  if (!isMap(node)) return out;
  for (const { key, value } of node.entries) out.set(String(key.value), { name: String(key.value), keyLoc: key.loc, node: value });
  return out;
}

function buildNetwork(name: string, keyLoc: Loc, node: LNode): DeclaredNetwork {
  const config = isMap(node) ? node : undefined;
  const internalNode = get(config, 'internal');
  const externalNode = get(config, 'external');
  const external = bool(externalNode) === true || isMap(externalNode);
  const network: DeclaredNetwork = {
    name,
    keyLoc,
    // An external network is as it was created: an `internal:` written here changes nothing (Compose refuses it).
    internal: internalNode === undefined ? false : external ? undefined : bool(internalNode),
    external,
  };
  if (config) network.node = config;
  const driver = str(get(config, 'driver'));
  if (driver) network.driver = driver;
  const nameNode = get(config, 'name') ?? get(externalNode, 'name');
  const runtimeName = str(nameNode);
  if (runtimeName) network.runtimeName = runtimeName;
  else if (isScalar(nameNode) && nameNode.unknown) network.runtimeNameUnknown = true;
  return network;
}

function buildService(name: string, keyLoc: Loc, node: LMap, options: BuildOptions): Service {
  const image = get(node, 'image');
  const networksNode = get(node, 'networks');
  const service: Service = {
    name,
    keyLoc,
    node,
    networks: serviceNetworks(networksNode),
    hasNetworksKey: entry(node, 'networks') !== undefined,
    ports: seqItems(get(node, 'ports')).map(parsePort).filter((p) => p !== undefined),
    expose: seqItems(get(node, 'expose')),
    mounts: seqItems(get(node, 'volumes')).map((v) => parseMount(v, v.baseDir ?? options.dir)).filter((m) => m !== undefined),
    environment: [],
    environmentComplete: true,
    dependsOn: dependsOn(get(node, 'depends_on')),
    links: links(get(node, 'links')),
    profiles: seqItems(get(node, 'profiles')).map(str).filter((p) => p !== undefined),
  };
  if (isScalar(image)) service.image = image;
  if (options.fragments?.has(name)) {
    service.fragment = true;
    service.environmentComplete = false;
  }
  const build = get(node, 'build');
  if (build) service.build = build;
  const mode = get(node, 'network_mode');
  if (isScalar(mode) && mode.value !== null) service.networkMode = networkMode(mode);
  addEnvironment(service, options);
  return service;
}

function seqItems(node: LNode | undefined): LNode[] {
  return isSeq(node) ? node.items : [];
}

function serviceNetworks(node: LNode | undefined): ServiceNetworkRef[] {
  if (isSeq(node)) {
    return node.items.filter(isScalar).filter((n) => n.value !== null).map((n) => ({ name: String(n.value), node: n, aliases: [] }));
  }
  if (!isMap(node)) return [];
  return node.entries.map(({ key, value }) => {
    const ref: ServiceNetworkRef = { name: String(key.value), node: key, aliases: [] };
    if (isMap(value)) {
      ref.config = value;
      ref.aliases = seqItems(get(value, 'aliases')).filter(isScalar);
      const v4 = get(value, 'ipv4_address');
      const v6 = get(value, 'ipv6_address');
      if (isScalar(v4) && v4.value !== null) ref.ipv4Address = v4;
      if (isScalar(v6) && v6.value !== null) ref.ipv6Address = v6;
    }
    return ref;
  });
}

function networkMode(node: LScalar): NetworkMode {
  if (node.unknown) return { kind: 'unknown', node };
  const text = String(node.value).trim();
  const colon = text.indexOf(':');
  const head = (colon === -1 ? text : text.slice(0, colon)).toLowerCase();
  if (colon !== -1 && (head === 'service' || head === 'container')) {
    return { kind: head, target: text.slice(colon + 1), node };
  }
  const known: NetworkModeKind[] = ['host', 'bridge', 'default', 'none'];
  const kind = known.find((k) => k === head && colon === -1) ?? 'other';
  return { kind, node };
}

function dependsOn(node: LNode | undefined): NamedRef[] {
  if (isSeq(node)) return node.items.filter(isScalar).filter((n) => n.value !== null).map((n) => ({ name: String(n.value), node: n, loc: n.loc }));
  if (isMap(node)) return node.entries.map(({ key }) => ({ name: String(key.value), node: key, loc: key.loc }));
  return [];
}

function links(node: LNode | undefined): (NamedRef & { alias?: string })[] {
  return seqItems(node).filter(isScalar).filter((n) => n.value !== null).map((n) => {
    const [name, alias] = String(n.value).split(':', 2) as [string, string?];
    return alias ? { name, alias, node: n, loc: n.loc } : { name, node: n, loc: n.loc };
  });
}

function addEnvironment(service: Service, options: BuildOptions): void {
  // env_file values come first: `environment` overrides them, as in Compose.
  for (const path of envFilePaths(get(service.node, 'env_file'))) {
    const values = options.envFiles?.get(envFileLocation(path.path, path.node.baseDir, options.dir));
    if (values === undefined || values === null) {
      if (path.required || values === null) service.environmentComplete = false;
      continue;
    }
    for (const v of values.vars) {
      // Findings on the value point at it (and code frames mask it there); the name keeps its own location.
      const valueNode: LScalar = { kind: 'scalar', value: v.value, loc: v.valueLoc ?? v.loc };
      // As for an interpolated YAML scalar: the written text tells a literal from a `${VAR}`.
      if (v.written !== undefined) valueNode.source = v.written;
      service.environment.push({ name: v.name, value: v.value, node: valueNode, loc: valueNode.loc, keyLoc: v.loc, valueNode, unknown: false, fromFile: v.loc.file });
    }
  }
  const env = get(service.node, 'environment');
  if (isSeq(env)) {
    for (const item of env.items) {
      if (!isScalar(item) || item.value === null) continue;
      const text = String(item.value);
      const eq = text.indexOf('=');
      const name = eq === -1 ? text : text.slice(0, eq);
      const v: EnvVar = { name, node: item, loc: item.loc, keyLoc: item.loc, valueNode: item, unknown: item.unknown === true };
      if (eq !== -1) v.value = text.slice(eq + 1);
      service.environment.push(v);
    }
  } else if (isMap(env)) {
    for (const { key, value } of env.entries) {
      const v: EnvVar = { name: String(key.value), node: value, loc: isScalar(value) && value.value !== null ? value.loc : key.loc, keyLoc: key.loc, unknown: isScalar(value) && value.unknown === true };
      if (isScalar(value)) {
        v.valueNode = value;
        v.value = value.value === null ? null : String(value.value);
      }
      service.environment.push(v);
    }
  }
}

export interface EnvFilePath {
  path: string;
  required: boolean;
  node: LNode;
  /** The path holds a variable that is not set: it could name any file. */
  unknown: boolean;
}

/** The env_file entries of a service: a string, a list of strings, or a list of `{path, required}`. */
export function envFilePaths(node: LNode | undefined): EnvFilePath[] {
  const items = isSeq(node) ? node.items : node ? [node] : [];
  const out: EnvFilePath[] = [];
  for (const item of items) {
    if (isScalar(item) && item.value !== null) out.push({ path: String(item.value), required: true, node: item, unknown: item.unknown === true });
    else if (isMap(item)) {
      const pathNode = get(item, 'path');
      const path = str(pathNode);
      if (path) out.push({ path, required: bool(get(item, 'required')) !== false, node: item, unknown: isScalar(pathNode) && pathNode.unknown === true });
    }
  }
  return out;
}
