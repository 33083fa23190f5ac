/** What the graph is made of: networks under their Compose keys, the Docker networks they stand for, and how a service attaches. */
import type { DeclaredNetwork, Service } from '../model/project.js';

/** A network under one Compose key (declared, the implicit `default`, or undeclared). */
export interface NetworkNode {
  /** The Compose key. */
  name: string;
  /** The Docker network this key stands for; several keys can name the same one. */
  engine: EngineNetwork;
  declared?: DeclaredNetwork;
  /** The `default` network Compose creates for services without `networks:`. */
  implicit: boolean;
  /** true, false or undefined when unknown (interpolated). */
  internal: boolean | undefined;
  external: boolean;
  /** Docker's default bridge reached through a declaration (`name: bridge`): no DNS, no isolation. */
  defaultBridge: boolean;
  /** Services attached through this key. */
  members: Service[];
}

/**
 * One Docker network: every Compose key whose engine name is the same (`shared: {name: platform-net}`
 * and `infra: {name: platform-net}`), and for Docker's default bridge also the services on
 * `network_mode: bridge`. Services on it reach each other, whichever key they joined it through.
 */
export interface EngineNetwork {
  /** The engine-side name, when known. */
  name?: string;
  keys: NetworkNode[];
  /** Every service on it, once, whichever key (or `network_mode: bridge`) attached it. */
  members: Service[];
  defaultBridge: boolean;
}

/** How a service is connected, after resolving `network_mode: service:x` chains. */
export type Attachment =
  | { kind: 'networks'; networks: NetworkNode[] }
  | { kind: 'host' }
  | { kind: 'none' }
  | { kind: 'bridge' }
  | { kind: 'container'; target: string }
  | { kind: 'unknown' };

export const DEFAULT_NETWORK = 'default';
/** Docker's default bridge (docker0) is the network named `bridge`. */
export const DEFAULT_BRIDGE = 'bridge';

/** The engine-side name of a Compose network key; undefined when it cannot be known (an unset variable, no project name). */
export function engineNameOf(key: string, project: string | undefined, declared?: DeclaredNetwork): string | undefined {
  if (declared?.runtimeNameUnknown) return undefined;
  if (declared?.runtimeName) return declared.runtimeName;
  if (declared?.external) return key;
  // Compose creates `<project>_<key>`; without a project name, only the key tells networks apart.
  return project ? `${project}_${key}` : undefined;
}
