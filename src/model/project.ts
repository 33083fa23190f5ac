/** The typed compose model. Every user value keeps its located node. */
import type { Loc } from '../types.js';
import type { LMap, LNode, LScalar } from './node.js';

/** Where a published port listens on the host. */
export type BindScope = 'all' | 'loopback' | 'specific' | 'unknown';

export interface PortBinding {
  node: LNode;
  loc: Loc;
  /** The host address as written or resolved; undefined when none is given (all interfaces). */
  hostIp?: string;
  scope: BindScope;
  /** Host port or range; undefined means Docker picks an ephemeral port. */
  published?: string;
  target?: string;
  // hostIp, published and target: a part holding an unset variable keeps its written text (`${P}`), so
  // messages and suggestions show it; check isKnownPart before reading a number from one.
  protocol: string;
  /** The short-syntax text, or a rendering of the long form, for messages. */
  text: string;
  longSyntax: boolean;
  /** Where findings about the host port point: long syntax, the `published` value (else `target`); short syntax, the string. */
  portAt: LNode;
  /** Where findings about the bind address point: long syntax, the `host_ip` value when written, else `portAt`. */
  addressAt: LNode;
}

export type MountType = 'bind' | 'volume' | 'anonymous' | 'tmpfs' | 'npipe' | 'cluster' | 'image' | 'unknown';

export interface Mount {
  node: LNode;
  loc: Loc;
  type: MountType;
  source?: string;
  sourceLoc?: Loc;
  /** A source holding an unset variable, as written with each unknown part shown as `…` (`…/docker.sock`). */
  partialSource?: string;
  /** For binds: the source made absolute against the project directory (`~` kept as written). */
  hostPath?: string;
  target?: string;
  readOnly: boolean;
  propagation?: string;
  /** Short-syntax mode flags (`ro`, `z`, `nocopy`...). */
  options: string[];
  longSyntax: boolean;
}

export interface EnvVar {
  name: string;
  /** undefined when the variable is passed through from the shell (`- KEY`), null when explicitly empty. */
  value?: string | null;
  node: LNode;
  loc: Loc;
  keyLoc: Loc;
  valueNode?: LScalar;
  /** True when the value is not known (unresolved interpolation). */
  unknown: boolean;
  /** Set for values read from an env_file. */
  fromFile?: string;
}

export interface ServiceNetworkRef {
  name: string;
  /** The network name as written in the service, for locations. */
  node: LScalar;
  aliases: LScalar[];
  ipv4Address?: LScalar;
  ipv6Address?: LScalar;
  config?: LMap;
}

export type NetworkModeKind = 'host' | 'bridge' | 'default' | 'none' | 'service' | 'container' | 'other' | 'unknown';

export interface NetworkMode {
  kind: NetworkModeKind;
  /** Service or container name for `service:x` / `container:x`. */
  target?: string;
  node: LScalar;
}

export interface NamedRef {
  name: string;
  node: LNode;
  loc: Loc;
}

export interface Service {
  name: string;
  /** The service's key under `services:`. */
  keyLoc: Loc;
  node: LMap;
  image?: LScalar;
  build?: LNode;
  networkMode?: NetworkMode;
  /** Networks named in `networks:`; empty when the key is absent. */
  networks: ServiceNetworkRef[];
  /** True when the service has a `networks:` key (even empty). */
  hasNetworksKey: boolean;
  ports: PortBinding[];
  expose: LNode[];
  mounts: Mount[];
  environment: EnvVar[];
  /** False when an env_file could not be read, so the environment is incomplete. */
  environmentComplete: boolean;
  /**
   * Only part of the definition is known: a service of an overlay linted alone that sets neither
   * image nor build, or one whose `extends` could not be applied. What it does not write may be set elsewhere.
   */
  fragment?: true;
  dependsOn: NamedRef[];
  links: (NamedRef & { alias?: string })[];
  profiles: string[];
}

export interface DeclaredNetwork {
  name: string;
  keyLoc: Loc;
  node?: LMap;
  /** true, false, or undefined when unknown (interpolated). */
  internal: boolean | undefined;
  external: boolean;
  driver?: string;
  /** The engine-side name (`name:` or the legacy `external.name`). */
  runtimeName?: string;
  /** True when that name is given by an unset variable: the engine name could be anything. */
  runtimeNameUnknown?: boolean;
}

export interface DeclaredResource {
  name: string;
  keyLoc: Loc;
  node: LNode;
}

export interface SourceText {
  file: string;
  text: string;
  /** The file starts with a UTF-8 byte order mark, which `text` leaves out: --fix writes it back. */
  bom?: true;
}

export interface Project {
  /** The first compose file; paths in findings are as given for it. */
  file: string;
  /** The project directory: relative paths in the file resolve against it. */
  dir: string;
  root: LMap;
  services: Service[];
  serviceByName: Map<string, Service>;
  networks: Map<string, DeclaredNetwork>;
  volumes: Map<string, DeclaredResource>;
  secrets: Map<string, DeclaredResource>;
  configs: Map<string, DeclaredResource>;
  /** Keys under `services:` that are not mappings (null, string...), reported by schema validation. */
  skippedServices: string[];
  /** The Compose project name (`name:`, COMPOSE_PROJECT_NAME or the directory name), when loaded as a project. */
  name?: string;
  /** Every compose file merged into this project (overrides, extends and include targets), as displayed. */
  files?: string[];
  /** The text of every file read, for suppression comments and fixes. */
  sources?: SourceText[];
  /** Networks named by services of inactive profiles (left out by `--profile`): those services still use them. */
  inactiveNetworkRefs?: LScalar[];
}
