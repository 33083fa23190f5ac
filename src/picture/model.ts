/**
 * The picture as plain data: who is on which network, what the host publishes,
 * where traffic leaves for the internet, and which findings touch what. Every
 * renderer draws this one model, so the formats cannot disagree.
 */
import type { ServiceGraph } from '../graph/graph.js';
import type { PortBinding, Project } from '../model/project.js';
import type { Finding, Severity } from '../types.js';
import { allRules } from '../../rules/index.js';

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
  /** Undefined when unknown, or when the keys disagree (then `internalByKey` says which key says what). */
  internal: boolean | undefined;
  /** The keys by their `internal` flag, set only when they disagree: the rules read each key by its own. */
  internalByKey?: { internal: string[]; notInternal: string[]; unknown: string[] };
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
