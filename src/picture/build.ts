/** Builds the picture from the graph the rules saw: one box per Docker network, a node per service, edges for ports, egress and references. */
import { publishes, type ServiceGraph } from '../graph/graph.js';
import type { Attachment, EngineNetwork, NetworkNode } from '../graph/networks.js';
import type { Project, Service } from '../model/project.js';
import { applyFindings } from './findings.js';
import {
  HOST, INTERNET, byText, edge, networkId, portLabel, serviceId, type EdgeKind, type Mark, type NodeKind, type PicCluster, type PicEdge, type PicNode, type Picture, type PictureInput,
} from './model.js';

const BRIDGE_ID = 'docker:bridge';

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
  if (!engine.defaultBridge && cluster.internal === undefined && keys.some((k) => k.internal !== keys[0]!.internal)) {
    const named = (flag: boolean | undefined) => keys.filter((k) => k.internal === flag).map((k) => k.name);
    cluster.internalByKey = { internal: named(true), notInternal: named(false), unknown: named(undefined) };
  }
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
    // Keys that disagree: egress through the non-internal ones, as the rules count them.
    const open = cluster.internalByKey?.notInternal ?? [];
    if (open.length > 0) {
      special(INTERNET, 'internet', 'internet');
      edges.push(edge('egress', cluster.id, INTERNET, `egress (through ${open.join(', ')})`));
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
