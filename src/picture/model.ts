/**
 * The picture as plain data: who is on which network, what the host publishes,
 * where traffic leaves for the internet, and which findings touch what. Every
 * renderer draws this one model, so the formats cannot disagree.
 */
import { publishes, type Attachment, type EngineNetwork, type NetworkNode, type ServiceGraph } from '../graph/graph.js';
import type { PortBinding, Project, Service } from '../model/project.js';
import type { Finding, Severity } from '../types.js';
import { allRules } from '../../rules/index.js';
import { applyFindings } from './findings.js';

export interface PictureInput {
  project: Project;
  graph: ServiceGraph;
  findings: Finding[];
}

/** A finding drawn on an element: colour from the severity, plus a text marker for black and white. */
export interface Mark {
  ruleId: string;
  severity: Severity;
}

export type NodeKind = 'service' | 'host' | 'internet' | 'container';

export interface PicNode {
  /** Logical id, unique across nodes and clusters, e.g. `service:web`; renderers escape it. */
  id: string;
  kind: NodeKind;
  name: string;
  /** Extra label lines under the name. */
  details: string[];
  datastore?: string;
  publicFacing: boolean;
  /** Set for services with no network of their own: `none`, `unknown`. */
  isolated?: 'none' | 'unknown';
  /** The cluster the node is drawn in; undefined for nodes outside every network. */
  cluster?: string;
  marks: Mark[];
}

/** One Docker network: every Compose key naming it (`name:`) is drawn in the one box, as the graph groups them. */
export interface PicCluster {
  id: string;
  /** The first of `keys`; `bridge` for Docker's default bridge. */
  name: string;
  /** The Compose keys drawn in this box, sorted; empty for the default bridge reached only by `network_mode: bridge`. */
  keys: string[];
  /** The engine-side name, shown when several keys are one network. */
  engineName?: string;
  /** `compose` networks, or Docker's default bridge (`network_mode: bridge`, or a declaration named `bridge`). */
  origin: 'compose' | 'docker-bridge';
  /** Some service is on it through `network_mode: bridge`. */
  networkMode?: boolean;
  /** Undefined when unknown, or when the keys disagree. */
  internal: boolean | undefined;
  external: boolean;
  implicit: boolean;
  /** Used by a service but declared nowhere: `docker compose up` would stop on it. */
  undeclared?: boolean;
  marks: Mark[];
}

export type EdgeKind = 'port' | 'egress' | 'attach' | 'depends' | 'unreachable' | 'shares-stack' | 'host-mode' | 'container-mode' | 'datastore-access';

/** One line of an edge label, with the findings about just that line (one published port). */
export interface EdgeLine {
  text: string;
  marks: Mark[];
}

export interface PicEdge {
  kind: EdgeKind;
  from: string;
  to: string;
  /** Label lines; a service's published ports share one edge, a line each, as parallel edges' labels collide. */
  lines: EdgeLine[];
  /** Findings about the edge as a whole. */
  marks: Mark[];
}

/** Every finding on an edge, its lines included: what colours it. */
export function edgeMarks(edge: PicEdge): Mark[] {
  return [...edge.lines.flatMap((l) => l.marks), ...edge.marks];
}

export function edge(kind: EdgeKind, from: string, to: string, label?: string): PicEdge {
  return { kind, from, to, lines: label ? [{ text: label, marks: [] }] : [], marks: [] };
}

export interface Picture {
  title: string;
  nodes: PicNode[];
  clusters: PicCluster[];
  edges: PicEdge[];
  findings: Finding[];
}

export const HOST = 'host';
export const INTERNET = 'internet';
export const serviceId = (name: string): string => `service:${name}`;
export const networkId = (name: string): string => `network:${name}`;
const BRIDGE_ID = 'docker:bridge';

/** Rules whose findings are about a whole network, drawn on its cluster. */
export const NETWORK_RULES = new Set(['no-flat-network', 'require-internal-network']);
/** Network rules are drawn on the graph; other findings (hardening) appear only in the HTML list. */
const DRAWN_RULES = new Set([
  ...NETWORK_RULES, 'no-public-datastore-port', 'no-unbound-port', 'no-unrelated-datastore-access', 'no-unreachable-service-reference', 'no-host-network',
  ...allRules.filter((r) => r.meta.category === 'network').map((r) => r.meta.id),
]);

export function isDrawn(finding: Finding): boolean {
  return DRAWN_RULES.has(finding.ruleId);
}

/** Code-unit order: stable across machines, unlike localeCompare. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1 };

export function worst(marks: Mark[]): Severity | undefined {
  let out: Severity | undefined;
  for (const mark of marks) if (!out || SEVERITY_RANK[mark.severity] > SEVERITY_RANK[out]) out = mark.severity;
  return out;
}

export function addMark(marks: Mark[], finding: Finding): void {
  const existing = marks.find((m) => m.ruleId === finding.ruleId);
  if (!existing) marks.push({ ruleId: finding.ruleId, severity: finding.severity });
  else if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[existing.severity]) existing.severity = finding.severity;
}

/**
 * The note inside a network drawn with no member: a service on several networks stands outside
 * them all, joined by a line, so "no services" would read as an unused network.
 */
export function emptyClusterNote(picture: Picture, clusterId: string): string {
  let attached = attachedClusters.get(picture);
  if (!attached) attachedClusters.set(picture, (attached = new Set(picture.edges.filter((e) => e.kind === 'attach').map((e) => e.to))));
  return attached.has(clusterId) ? '(its services are on other networks too)' : '(no services)';
}

// Per picture, once: renderers ask for every network.
const attachedClusters = new WeakMap<Picture, Set<string>>();

/** How a published port reads on the edge: `0.0.0.0:5432 -> 5432/tcp`. */
export function portLabel(port: PortBinding): string {
  const ip = port.hostIp ?? '0.0.0.0';
  const host = ip.includes(':') && !ip.startsWith('[') ? `[${ip}]` : ip;
  return `${host}:${port.published ?? '(random)'} -> ${port.target ?? '?'}/${port.protocol}`;
}

/** The box of one Docker network; its flags are the keys' when they agree. */
function engineCluster(engine: EngineNetwork): PicCluster {
  const keys = [...engine.keys].sort((a, b) => byText(a.name, b.name));
  const agreed = <T>(values: T[]): T | undefined => (values.length > 0 && values.every((v) => v === values[0]) ? values[0] : undefined);
  const cluster: PicCluster = {
    id: engine.defaultBridge ? BRIDGE_ID : networkId(keys[0]!.name),
    name: engine.defaultBridge ? 'bridge' : keys[0]!.name,
    keys: keys.map((k) => k.name),
    origin: engine.defaultBridge ? 'docker-bridge' : 'compose',
    // docker0 is Docker's own: never internal, never created by Compose.
    internal: engine.defaultBridge ? false : agreed(keys.map((k) => k.internal)),
    external: engine.defaultBridge || (keys.length > 0 && keys.every((k) => k.external)),
    implicit: keys.length === 1 && keys[0]!.implicit && !keys[0]!.declared,
    marks: [],
  };
  if (keys.length > 1 && engine.name !== undefined) cluster.engineName = engine.name;
  // Undeclared keys other than `default` are never grouped: a box of one.
  if (keys.length === 1 && !keys[0]!.declared && !keys[0]!.implicit) cluster.undeclared = true;
  return cluster;
}

function modeText(service: Service): string | undefined {
  const mode = service.networkMode;
  if (!mode) return undefined;
  const written = mode.node.value === null ? '' : String(mode.node.value);
  return `network_mode: ${mode.node.unknown ? '(unknown)' : written}`;
}

export function buildPicture({ project, graph, findings }: PictureInput): Picture {
  const nodes = new Map<string, PicNode>();
  const clusters = new Map<string, PicCluster>();
  const edges: PicEdge[] = [];
  const services = [...project.services].sort((a, b) => byText(a.name, b.name));

  // One box per Docker network, whichever keys (or `network_mode: bridge`) reach it.
  const byEngine = new Map<EngineNetwork, PicCluster>();
  const clusterOf = (engine: EngineNetwork): PicCluster => {
    let cluster = byEngine.get(engine);
    if (!cluster) {
      cluster = engineCluster(engine);
      byEngine.set(engine, cluster);
      clusters.set(cluster.id, cluster);
    }
    return cluster;
  };
  const clusterFor = (network: NetworkNode): PicCluster => clusterOf(network.engine);
  for (const network of graph.networks.values()) clusterFor(network);

  const special = (id: string, kind: NodeKind, name: string): PicNode => {
    let node = nodes.get(id);
    if (!node) nodes.set(id, (node = { id, kind, name, details: [], publicFacing: false, marks: [] }));
    return node;
  };

  const place = (node: PicNode, service: Service, attachment: Attachment, mode: string | undefined): void => {
    switch (attachment.kind) {
      case 'networks': {
        const own = [...new Set(attachment.networks.map(clusterFor))].sort((a, b) => byText(a.name, b.name));
        // A node can sit in one cluster only: services on several networks stand between them.
        if (own.length === 1) node.cluster = own[0]!.id;
        else for (const cluster of own) edges.push(edge('attach', node.id, cluster.id));
        break;
      }
      case 'host':
        special(HOST, 'host', 'host');
        edges.push(edge('host-mode', node.id, HOST, 'shares the host network stack'));
        break;
      case 'bridge': {
        const bridge = clusterOf(graph.enginesOf(service)[0]!);
        bridge.networkMode = true;
        node.cluster = bridge.id;
        break;
      }
      case 'container': {
        const target = special(`container:${attachment.target}`, 'container', `container ${attachment.target}`);
        target.details = ['not in this project'];
        edges.push(edge('container-mode', node.id, target.id, 'shares its network stack'));
        break;
      }
      case 'none':
        node.isolated = 'none';
        break;
      case 'unknown':
        node.isolated = 'unknown';
        if (!mode) node.details.push('network: unknown');
        break;
    }
  };

  for (const service of services) {
    const id = serviceId(service.name);
    const datastore = graph.datastore(service);
    const attachment: Attachment = graph.attachment(service);
    const node: PicNode = { id, kind: 'service', name: service.name, details: [], publicFacing: graph.isPublicFacing(service), marks: [] };
    if (datastore) {
      node.datastore = datastore.kind;
      node.details.push(`datastore: ${datastore.kind}`);
    }
    const mode = modeText(service);
    if (mode) node.details.push(mode);
    if (node.publicFacing) node.details.push('public-facing');
    nodes.set(id, node);

    const stackOwner = service.networkMode?.kind === 'service' ? project.serviceByName.get(service.networkMode.target ?? '') : undefined;
    if (stackOwner && attachment.kind !== 'unknown') {
      // Sharing another service's stack: reachable exactly as it is, so one edge to it says everything.
      edges.push(edge('shares-stack', id, serviceId(stackOwner.name), 'shares its network stack'));
      const own = attachment.kind === 'networks' ? new Set(attachment.networks.map(clusterFor)) : new Set<PicCluster>();
      if (own.size === 1) node.cluster = [...own][0]!.id;
    } else {
      place(node, service, attachment, mode);
    }
    if (service.ports.length > 0) {
      special(HOST, 'host', 'host');
      const ports = edge('port', HOST, id);
      // Docker ignores ports with host networking or on internal networks only: drawn, but said so.
      const ignored = publishes(graph, service) ? '' : attachment.kind === 'host' ? ' (ignored: host network)' : ' (not published: internal network)';
      ports.lines = service.ports.map((port) => ({ text: portLabel(port) + ignored, marks: [] }));
      edges.push(ports);
    }
  }

  for (const cluster of clusters.values()) {
    // The default bridge and every non-internal compose network route to the internet (an undeclared one does not exist).
    if (cluster.internal === false && !cluster.undeclared) {
      special(INTERNET, 'internet', 'internet');
      edges.push(edge('egress', cluster.id, INTERNET, 'egress'));
    }
  }
  for (const hostMode of edges.filter((e) => e.kind === 'host-mode')) {
    special(INTERNET, 'internet', 'internet');
    edges.push(edge('egress', hostMode.from, INTERNET, 'egress'));
  }

  addReferences(project, graph, services, edges);
  applyFindings({ project, graph, findings }, nodes, clusters, edges);

  const edgeOrder: EdgeKind[] = ['port', 'host-mode', 'container-mode', 'shares-stack', 'attach', 'egress', 'depends', 'unreachable', 'datastore-access'];
  edges.sort((a, b) => edgeOrder.indexOf(a.kind) - edgeOrder.indexOf(b.kind) || byText(a.from, b.from) || byText(a.to, b.to) || byText(a.lines[0]?.text ?? '', b.lines[0]?.text ?? ''));
  const sortMarks = (m: { marks: Mark[] }): void => void m.marks.sort((a, b) => byText(a.ruleId, b.ruleId));
  [...nodes.values(), ...clusters.values(), ...edges, ...edges.flatMap((e) => e.lines)].forEach(sortMarks);
  return {
    title: project.file,
    nodes: [...nodes.values()].sort((a, b) => byText(a.id, b.id)),
    clusters: [...clusters.values()].sort((a, b) => byText(a.id, b.id)),
    edges,
    findings,
  };
}

/** depends_on and links: a plain arrow when the name resolves, a dashed one when no network is shared. */
function addReferences(project: Project, graph: ServiceGraph, services: Service[], edges: PicEdge[]): void {
  for (const service of services) {
    const refs = new Map<string, string[]>();
    for (const ref of service.dependsOn) refs.set(ref.name, [...(refs.get(ref.name) ?? []), 'depends_on']);
    for (const ref of service.links) refs.set(ref.name, [...(refs.get(ref.name) ?? []), 'links']);
    for (const [name, how] of [...refs].sort((a, b) => byText(a[0], b[0]))) {
      const target = project.serviceByName.get(name);
      if (!target || target === service) continue;
      const label = how.join(', ');
      if (graph.canResolve(service, target) === false) {
        edges.push(edge('unreachable', serviceId(service.name), serviceId(name), `${label}: cannot resolve`));
      } else {
        edges.push(edge('depends', serviceId(service.name), serviceId(name), label));
      }
    }
  }
}
