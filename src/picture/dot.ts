/** Graphviz DOT: networks as clusters, HTML-like labels, edges to clusters through invisible anchors. */
import { edgeMarks, emptyClusterNote, worst, type Mark, type PicCluster, type PicEdge, type PicNode, type Picture } from './model.js';
import { COLOUR, LEGEND_EDGES, SEVERITY_COLOUR, clusterTitle, markText } from './style.js';

/** A quoted DOT ID: any name (dots, dashes, unicode, quotes) is valid once `\` and `"` are escaped. */
export function dotId(id: string): string {
  return `"${id.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ')}"`;
}

/** Text inside an HTML-like label. */
export function dotHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, ' ');
}

const anchor = (clusterId: string): string => `anchor:${clusterId}`;
const clusterName = (clusterId: string): string => `cluster_${clusterId}`;

function markLines(marks: Mark[]): string[] {
  return marks.map((m) => `<FONT COLOR="${SEVERITY_COLOUR[m.severity]}"><B>${dotHtml(markText(m))}</B></FONT>`);
}

function attrs(values: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    parts.push(typeof value === 'string' && value.startsWith('<') ? `${key}=${value}` : `${key}=${typeof value === 'number' ? value : dotId(value)}`);
  }
  return `[${parts.join(', ')}]`;
}

/**
 * Graphviz without fonts (the WebAssembly build) measures non-ASCII characters
 * as spaces, so names in other scripts would overflow their box: estimate the
 * width in inches instead (wide scripts 1em, others 0.65em, at 12pt).
 */
function minWidth(lines: string[]): number | undefined {
  if (!lines.some((l) => /[^\x00-\x7f]/.test(l))) return undefined;
  const ems = Math.max(...lines.map((l) => [...l].reduce((sum, ch) => sum + (ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.65), 0)));
  return Math.round((ems * 12 / 72 + 0.4) * 100) / 100;
}

function nodeLine(node: PicNode, indent: string): string {
  const lines = [`<B>${dotHtml(node.name)}</B>`, ...node.details.map((d) => `<FONT POINT-SIZE="10">${dotHtml(d)}</FONT>`), ...markLines(node.marks)];
  const severity = worst(node.marks);
  const base: Record<string, string | number | undefined> = { label: `<${lines.join('<BR/>')}>` };
  switch (node.kind) {
    case 'host':
      Object.assign(base, { shape: 'box3d', style: 'filled', fillcolor: COLOUR.host });
      break;
    case 'internet':
      Object.assign(base, { shape: 'ellipse', style: 'filled', fillcolor: COLOUR.internet });
      break;
    case 'container':
      Object.assign(base, { shape: 'parallelogram', style: 'dashed' });
      break;
    case 'service': {
      const styles = ['filled'];
      if (!node.datastore) styles.push('rounded');
      if (node.isolated) styles.push('dashed');
      Object.assign(base, {
        shape: node.datastore ? 'cylinder' : 'box',
        style: styles.join(','),
        fillcolor: node.datastore ? COLOUR.datastore : node.publicFacing ? COLOUR.public : COLOUR.service,
        color: node.datastore ? COLOUR.datastoreStroke : node.publicFacing ? COLOUR.publicStroke : COLOUR.ink,
        // A double border marks public-facing services, readable without colour.
        peripheries: node.publicFacing ? 2 : undefined,
      });
      break;
    }
  }
  if (severity) Object.assign(base, { color: SEVERITY_COLOUR[severity], penwidth: 2 });
  const width = minWidth([node.name, ...node.details]);
  if (width !== undefined) base.width = width;
  return `${indent}${dotId(node.id)} ${attrs(base)};`;
}

function clusterBlock(cluster: PicCluster, members: PicNode[], emptyNote: () => string): string[] {
  const severity = worst(cluster.marks);
  const internal = cluster.internal === true;
  const styles = ['rounded', 'filled'];
  if (cluster.external) styles.push('dashed');
  const title = [`<B>${dotHtml(clusterTitle(cluster))}</B>`, ...markLines(cluster.marks)];
  const out = [`  subgraph ${dotId(clusterName(cluster.id))} {`];
  out.push(`    graph ${attrs({
    label: `<${title.join('<BR/>')}>`,
    style: styles.join(','),
    fillcolor: internal ? COLOUR.internalFill : COLOUR.openFill,
    color: severity ? SEVERITY_COLOUR[severity] : internal ? COLOUR.internal : COLOUR.open,
    penwidth: severity || internal ? 2 : 1,
  })};`);
  // Edges to and from a network need a node inside its cluster; an empty network shows that it is.
  out.push(members.length === 0
    ? `    ${dotId(anchor(cluster.id))} ${attrs({ label: emptyNote(), shape: 'plaintext', fontsize: 10 })};`
    : `    ${dotId(anchor(cluster.id))} ${attrs({ label: '', shape: 'point', style: 'invis', width: 0.01, height: 0.01 })};`);
  for (const node of members) out.push(nodeLine(node, '    '));
  out.push('  }');
  return out;
}

function edgeLine(edge: PicEdge, clusterIds: Set<string>): string {
  const from = clusterIds.has(edge.from) ? anchor(edge.from) : edge.from;
  const to = clusterIds.has(edge.to) ? anchor(edge.to) : edge.to;
  const severity = worst(edgeMarks(edge));
  const labelParts = [...edge.lines.flatMap((line) => [dotHtml(line.text), ...markLines(line.marks)]), ...markLines(edge.marks)];
  const values: Record<string, string | number | undefined> = {
    label: labelParts.length > 0 ? `<${labelParts.join('<BR/>')}>` : undefined,
    ltail: clusterIds.has(edge.from) ? clusterName(edge.from) : undefined,
    lhead: clusterIds.has(edge.to) ? clusterName(edge.to) : undefined,
  };
  switch (edge.kind) {
    case 'port': Object.assign(values, { color: COLOUR.ink }); break;
    case 'egress': Object.assign(values, { style: 'dotted', color: COLOUR.open }); break;
    case 'attach': Object.assign(values, { dir: 'none', color: COLOUR.open }); break;
    case 'depends': Object.assign(values, { color: COLOUR.depends, fontcolor: COLOUR.depends, penwidth: 0.8 }); break;
    case 'unreachable': Object.assign(values, { style: 'dashed', color: SEVERITY_COLOUR.error, fontcolor: SEVERITY_COLOUR.error, penwidth: 1.5 }); break;
    case 'host-mode':
    case 'container-mode':
    case 'shares-stack': Object.assign(values, { style: 'bold' }); break;
    case 'datastore-access': Object.assign(values, { color: SEVERITY_COLOUR.warning, fontcolor: SEVERITY_COLOUR.warning }); break;
  }
  if (severity) Object.assign(values, { color: SEVERITY_COLOUR[severity], fontcolor: SEVERITY_COLOUR[severity], penwidth: 2 });
  return `  ${dotId(from)} -> ${dotId(to)} ${attrs(values)};`;
}

function legend(): string[] {
  const rows = LEGEND_EDGES.map(([what, means]) => `<TR><TD ALIGN="LEFT"><I>${dotHtml(what)}</I></TD><TD ALIGN="LEFT">${dotHtml(means)}</TD></TR>`);
  const table = `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1"><TR><TD COLSPAN="2"><B>edges</B></TD></TR>${rows.join('')}</TABLE>>`;
  return [
    `  subgraph ${dotId('cluster_legend')} {`,
    `    graph ${attrs({ label: '<<B>legend</B>>', style: 'rounded', color: COLOUR.open, fontsize: 11 })};`,
    `    node ${attrs({ fontsize: 10 })};`,
    `    ${dotId('legend:service')} ${attrs({ label: 'service', shape: 'box', style: 'rounded,filled', fillcolor: COLOUR.service })};`,
    `    ${dotId('legend:public')} ${attrs({ label: 'public-facing', shape: 'box', style: 'rounded,filled', fillcolor: COLOUR.public, color: COLOUR.publicStroke, peripheries: 2 })};`,
    `    ${dotId('legend:datastore')} ${attrs({ label: 'datastore', shape: 'cylinder', style: 'filled', fillcolor: COLOUR.datastore, color: COLOUR.datastoreStroke })};`,
    `    ${dotId('legend:finding')} ${attrs({ label: `<with a finding<BR/><FONT COLOR="${SEVERITY_COLOUR.error}"><B>! rule-id</B></FONT>>`, shape: 'box', style: 'rounded', color: SEVERITY_COLOUR.error, penwidth: 2 })};`,
    `    ${dotId('legend:edges')} ${attrs({ label: table, shape: 'plaintext' })};`,
    // Left to right, one rank is a column: node shapes in one, the edge table beside them.
    `    { rank=same; ${['service', 'public', 'datastore', 'finding'].map((n) => dotId(`legend:${n}`)).join('; ')}; }`,
    `    ${dotId('legend:finding')} -> ${dotId('legend:edges')} ${attrs({ style: 'invis' })};`,
    '  }',
  ];
}

export function renderDot(picture: Picture): string {
  const clusterIds = new Set(picture.clusters.map((c) => c.id));
  const out = [
    'digraph "compose-lint" {',
    `  graph ${attrs({ label: `<<B>${dotHtml(picture.title)}</B>: who can reach whom>`, labelloc: 't', fontname: 'Helvetica', rankdir: 'LR', compound: 'true', newrank: 'true', nodesep: 0.3, ranksep: 0.6, fontsize: 14 })};`,
    `  node ${attrs({ fontname: 'Helvetica', fontsize: 12, color: COLOUR.ink })};`,
    `  edge ${attrs({ fontname: 'Helvetica', fontsize: 10, color: COLOUR.ink })};`,
  ];
  for (const node of picture.nodes) if (!node.cluster) out.push(nodeLine(node, '  '));
  for (const cluster of picture.clusters) out.push(...clusterBlock(cluster, picture.nodes.filter((n) => n.cluster === cluster.id), () => emptyClusterNote(picture, cluster.id)));
  for (const edge of picture.edges) out.push(edgeLine(edge, clusterIds));
  out.push(...legend());
  out.push('}');
  return `${out.join('\n')}\n`;
}
