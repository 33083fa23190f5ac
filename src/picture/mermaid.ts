/** Mermaid flowchart: renders inline in GitHub Markdown, pull-request comments and many wikis. */
import { edgeMarks, emptyClusterNote, worst, type PicEdge, type PicNode, type Picture } from './model.js';
import { COLOUR, LEGEND_EDGES, SEVERITY_COLOUR, clusterTitle, markText } from './style.js';

/**
 * A Mermaid-safe id: `service:web` becomes `service_web`. In the name, letters
 * and digits are kept, `_` doubled and anything else written `_u<hex>_`, so
 * `a.b` and `a-b` stay distinct; the kind prefix keeps names like `end` from
 * being read as keywords.
 */
export function mermaidId(id: string): string {
  const colon = id.indexOf(':');
  let out = `${colon === -1 ? 'x' : id.slice(0, colon)}_`;
  for (const ch of id.slice(colon + 1)) {
    if (/[A-Za-z0-9]/.test(ch)) out += ch;
    else if (ch === '_') out += '__';
    else out += `_u${ch.codePointAt(0)!.toString(16)}_`;
  }
  return out;
}

/** Text inside a quoted Mermaid label: Mermaid's `#name;` entities, so nothing is read as markup. */
export function mermaidText(text: string): string {
  return text.replace(/[#&<>"]/g, (ch) => ({ '#': '#35;', '&': '#amp;', '<': '#lt;', '>': '#gt;', '"': '#quot;' })[ch]!).replace(/\r?\n/g, ' ');
}

const lines = (parts: string[]): string => parts.map(mermaidText).join('<br/>');

function nodeLine(node: PicNode): string {
  const label = `"${lines([node.name, ...node.details, ...node.marks.map(markText)])}"`;
  const id = mermaidId(node.id);
  switch (node.kind) {
    case 'host': return `${id}{{${label}}}`;
    case 'internet': return `${id}((${label}))`;
    case 'container': return `${id}[/${label}/]`;
    case 'service':
      if (node.datastore) return `${id}[(${label})]`;
      // The subroutine shape's double sides mark public-facing services without colour.
      return node.publicFacing ? `${id}[[${label}]]` : `${id}(${label})`;
  }
}

const ARROWS: Record<PicEdge['kind'], string> = {
  port: '-->', egress: '-.->', attach: '---', depends: '-->', unreachable: '-.->',
  'shares-stack': '==>', 'host-mode': '==>', 'container-mode': '==>', 'datastore-access': '-->',
};

function edgeStyle(edge: PicEdge): string | undefined {
  const severity = worst(edgeMarks(edge));
  const colour = severity ? SEVERITY_COLOUR[severity] : undefined;
  switch (edge.kind) {
    case 'egress': return `stroke:${colour ?? COLOUR.open},stroke-dasharray:2 4`;
    case 'unreachable': return `stroke:${colour ?? SEVERITY_COLOUR.error},stroke-width:2px,stroke-dasharray:8 4`;
    case 'depends': return `stroke:${colour ?? COLOUR.depends},stroke-width:1px`;
    case 'datastore-access': return `stroke:${colour ?? SEVERITY_COLOUR.warning},stroke-width:2px`;
    default: return colour ? `stroke:${colour},stroke-width:2px` : undefined;
  }
}

export function renderMermaid(picture: Picture): string {
  const out = ['flowchart LR', `  %% compose-lint: ${picture.title.replace(/[\r\n]/g, ' ')}`];
  for (const node of picture.nodes) if (!node.cluster) out.push(`  ${nodeLine(node)}`);
  for (const cluster of picture.clusters) {
    const title = lines([clusterTitle(cluster), ...cluster.marks.map(markText)]);
    out.push(`  subgraph ${mermaidId(cluster.id)}["${title}"]`);
    const members = picture.nodes.filter((n) => n.cluster === cluster.id);
    // Mermaid drops an empty subgraph's edges; a note keeps the network visible.
    if (members.length === 0) out.push(`    ${mermaidId(`empty:${cluster.id}`)}["${emptyClusterNote(picture, cluster.id)}"]`);
    for (const node of members) out.push(`    ${nodeLine(node)}`);
    out.push('  end');
  }
  const linkStyles: string[] = [];
  picture.edges.forEach((edge, index) => {
    const label = [...edge.lines.flatMap((line) => [line.text, ...line.marks.map(markText)]), ...edge.marks.map(markText)];
    const text = label.length > 0 ? `|"${lines(label)}"|` : '';
    out.push(`  ${mermaidId(edge.from)} ${ARROWS[edge.kind]}${text} ${mermaidId(edge.to)}`);
    const style = edgeStyle(edge);
    if (style) linkStyles.push(`  linkStyle ${index} ${style}`);
  });
  out.push(...legend());

  const classes: [string, string, (n: PicNode) => boolean][] = [
    ['service', `fill:${COLOUR.service},stroke:${COLOUR.ink}`, (n) => n.kind === 'service'],
    ['public', `fill:${COLOUR.public},stroke:${COLOUR.publicStroke},stroke-width:2px`, (n) => n.publicFacing],
    ['datastore', `fill:${COLOUR.datastore},stroke:${COLOUR.datastoreStroke}`, (n) => n.datastore !== undefined],
    ['isolated', 'stroke-dasharray:5 3', (n) => n.isolated !== undefined || n.kind === 'container'],
    ['host', `fill:${COLOUR.host},stroke:${COLOUR.ink}`, (n) => n.kind === 'host'],
    ['internet', `fill:${COLOUR.internet},stroke:${COLOUR.internal}`, (n) => n.kind === 'internet'],
    ['warning', `stroke:${SEVERITY_COLOUR.warning},stroke-width:3px`, (n) => worst(n.marks) === 'warning'],
    ['error', `stroke:${SEVERITY_COLOUR.error},stroke-width:3px`, (n) => worst(n.marks) === 'error'],
    ['note', `stroke:${SEVERITY_COLOUR.note},stroke-width:3px`, (n) => worst(n.marks) === 'note'],
  ];
  // Prefixed class names cannot clash with Mermaid's own CSS classes.
  for (const [name, css] of classes) out.push(`  classDef cl${name} ${css}`);
  for (const [name, , applies] of classes) {
    const ids = picture.nodes.filter(applies).map((n) => mermaidId(n.id));
    if (name === 'public') ids.push(mermaidId('legend:public'));
    if (name === 'datastore') ids.push(mermaidId('legend:datastore'));
    if (name === 'error') ids.push(mermaidId('legend:finding'));
    if (ids.length > 0) out.push(`  class ${ids.join(',')} cl${name}`);
  }
  for (const cluster of picture.clusters) {
    const severity = worst(cluster.marks);
    const internal = cluster.internal === true;
    const stroke = severity ? SEVERITY_COLOUR[severity] : internal ? COLOUR.internal : COLOUR.open;
    const dashed = cluster.external ? ',stroke-dasharray:6 3' : '';
    out.push(`  style ${mermaidId(cluster.id)} fill:${internal ? COLOUR.internalFill : COLOUR.openFill},stroke:${stroke},stroke-width:${severity || internal ? 2 : 1}px${dashed}`);
  }
  out.push(...linkStyles);
  return `${out.join('\n')}\n`;
}

function legend(): string[] {
  const edges = LEGEND_EDGES.map(([what, means]) => `${what}: ${means}`);
  return [
    `  subgraph ${mermaidId('legend:')}["legend"]`,
    `    ${mermaidId('legend:service')}("service")`,
    `    ${mermaidId('legend:public')}[["public-facing"]]`,
    `    ${mermaidId('legend:datastore')}[("datastore")]`,
    `    ${mermaidId('legend:finding')}("with a finding<br/>! rule-id")`,
    `    ${mermaidId('legend:edges')}["${lines(edges)}"]`,
    '  end',
  ];
}
