/** What the picture shows, how names are escaped, and that it is deterministic. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPicture, pictureFromText, renderPicture } from '../src/picture/index.js';
import { dotHtml, dotId } from '../src/picture/dot.js';
import { mermaidId, mermaidText } from '../src/picture/mermaid.js';
import { layoutDot } from '../src/picture/svg.js';
import type { PicEdge, Picture } from '../src/picture/model.js';
import type { Finding } from '../src/types.js';

function load(text: string, findings?: Finding[]) {
  const loaded = pictureFromText(text, 'compose.yaml', { projectDir: '/tmp' });
  if (!loaded.ok) throw new Error(loaded.message);
  return findings ? { ...loaded, findings } : loaded;
}
const picture = (text: string, findings?: Finding[]): Picture => buildPicture(load(text, findings));
const edgesOf = (p: Picture, kind: PicEdge['kind']) => p.edges.filter((e) => e.kind === kind).map((e) => `${e.from} -> ${e.to}`);
const finding = (ruleId: string, extra: Partial<Finding>): Finding =>
  ({ ruleId, severity: 'error', message: '', file: 'compose.yaml', line: 1, column: 1, endLine: 1, endColumn: 1, ...extra });

describe('picture model', () => {
  it('says when Docker ignores a port: internal networks only, or host networking', () => {
    const p = picture(`
services:
  db: { image: postgres:16, networks: [back], ports: ["5432:5432"] }
  web: { image: nginx, ports: ["8080:80"] }
  edge: { image: nginx, network_mode: host, ports: ["80:80"] }
networks:
  back: { internal: true }
`);
    const ports = (name: string) => p.edges.find((e) => e.kind === 'port' && e.to === `service:${name}`)!.lines.map((l) => l.text);
    expect(ports('db')).toEqual(['0.0.0.0:5432 -> 5432/tcp (not published: internal network)']);
    expect(ports('web')).toEqual(['0.0.0.0:8080 -> 80/tcp']);
    expect(ports('edge')).toEqual(['0.0.0.0:80 -> 80/tcp (ignored: host network)']);
    expect(p.nodes.filter((n) => n.publicFacing).map((n) => n.name)).toEqual(['edge', 'web']);
  });

  it('marks a network no one declares, with no route to the internet', async () => {
    const text = 'services:\n  a: { image: nginx, networks: [ghost] }\n';
    const p = picture(text);
    expect(p.clusters.map((c) => [c.name, c.undeclared])).toEqual([['ghost', true]]);
    expect(edgesOf(p, 'egress')).toEqual([]);
    expect(await renderPicture(load(text), 'mermaid')).toContain('network ghost (not declared)');
  });

  it('draws networks as clusters with their flags, the implicit default as such', () => {
    const p = picture(`
services:
  a: { image: nginx }
  b: { image: nginx, networks: [back, ext] }
networks:
  back: { internal: true }
  ext: { external: true }
`);
    expect(p.clusters.map((c) => [c.name, c.implicit, c.internal, c.external])).toEqual([
      ['back', false, true, false], ['default', true, false, false], ['ext', false, false, true],
    ]);
    expect(p.nodes.find((n) => n.name === 'a')!.cluster).toBe('network:default');
    // On two networks: between the clusters, attached to each.
    expect(edgesOf(p, 'attach')).toEqual(['service:b -> network:back', 'service:b -> network:ext']);
    // Egress from every non-internal network, none from the internal one.
    expect(edgesOf(p, 'egress')).toEqual(['network:default -> internet', 'network:ext -> internet']);
  });

  it('draws one box per Docker network: keys with the same engine name share it, titled with every key', async () => {
    const text = `
services:
  web: { image: nginx, networks: [shared] }
  db: { image: postgres:16, networks: [infra] }
  both: { image: nginx, networks: [shared, infra] }
networks:
  shared: { name: platform-net, external: true }
  infra: { name: platform-net, external: true }
`;
    // A finding names a key; it lands on the box, whichever key titles it.
    const p = picture(text, [finding('no-flat-network', { severity: 'warning', network: 'shared' })]);
    expect(p.clusters.map((c) => [c.id, c.keys, c.engineName, c.marks])).toEqual([
      ['network:infra', ['infra', 'shared'], 'platform-net', [{ ruleId: 'no-flat-network', severity: 'warning' }]],
    ]);
    // Joined through two keys of one network: inside the box, not between two.
    expect(p.nodes.filter((n) => n.kind === 'service').map((n) => [n.name, n.cluster])).toEqual([
      ['both', 'network:infra'], ['db', 'network:infra'], ['web', 'network:infra'],
    ]);
    expect(edgesOf(p, 'attach')).toEqual([]);
    expect(edgesOf(p, 'egress')).toEqual(['network:infra -> internet']);
    expect(await renderPicture(load(text), 'mermaid')).toContain('network infra, shared (external, not internal, one network: platform-net)');
  });

  it('says which key says what when two keys of one Docker network disagree on internal, as the rules read them', async () => {
    const text = `
services:
  db: { image: postgres:16, networks: [back] }
  cache: { image: redis:7, networks: [back2] }
  tool: { image: example/tool:1.0, networks: [back3] }
networks:
  back: { name: shared-backend, internal: true }
  back2: { name: shared-backend }
  back3: { name: shared-backend, internal: "\${INTERNAL}" }
`;
    const p = picture(text);
    expect(p.clusters.map((c) => [c.keys, c.internal, c.internalByKey])).toEqual([
      [['back', 'back2', 'back3'], undefined, { internal: ['back'], notInternal: ['back2'], unknown: ['back3'] }],
    ]);
    // The rules count back2 as a way out (require-internal-network reports it): so does the picture.
    expect(p.edges.filter((e) => e.kind === 'egress').map((e) => [e.from, e.lines.map((l) => l.text)])).toEqual([['network:back', ['egress (through back2)']]]);
    expect(await renderPicture(load(text), 'mermaid')).toContain('network back, back2, back3 (internal as back, not internal as back2, internal unknown as back3, one network: shared-backend)');
    // Keys that agree, or a flag unknown on every key, read as before.
    expect(picture('services:\n  a: { image: x/a:1, networks: [n1] }\nnetworks:\n  n1: { name: one, internal: true }\n  n2: { name: one, internal: true }\n').clusters.map((c) => [c.internal, c.internalByKey])).toEqual([[true, undefined]]);
  });

  it('draws Docker default bridge once, reached by network_mode: bridge and by declarations named bridge', async () => {
    const text = `
services:
  legacy: { image: nginx, network_mode: bridge }
  old: { image: nginx, networks: [br] }
  older: { image: nginx, networks: [docker0] }
networks:
  br: { name: bridge, external: true }
  docker0: { name: bridge, external: true }
`;
    const p = picture(text);
    expect(p.clusters.map((c) => [c.id, c.keys, c.networkMode])).toEqual([['docker:bridge', ['br', 'docker0'], true]]);
    expect(p.nodes.filter((n) => n.kind === 'service').map((n) => n.cluster)).toEqual(['docker:bridge', 'docker:bridge', 'docker:bridge']);
    expect(edgesOf(p, 'egress')).toEqual(['docker:bridge -> internet']);
    expect(await renderPicture(load(text), 'mermaid')).toContain('Docker default bridge (network_mode: bridge, network br, network docker0)');
    // Only bridge mode: as before.
    expect(await renderPicture(load('services:\n  legacy: { image: nginx, network_mode: bridge }\n'), 'mermaid')).toContain('Docker default bridge (network_mode: bridge)');
  });

  it('labels a published port with bind address and ports, and marks the datastore exposed on all interfaces', async () => {
    const input = load(`
services:
  db:
    image: postgres:16
    ports: ["5432:5432", "127.0.0.1:5433:5432", "[::1]:5434:5432/udp"]
`);
    const p = buildPicture(input);
    const port = p.edges.find((e) => e.kind === 'port')!;
    expect(port.from).toBe('host');
    expect(port.lines.map((l) => [l.text, l.marks.map((m) => m.ruleId)])).toEqual([
      ['0.0.0.0:5432 -> 5432/tcp', ['no-public-datastore-port']],
      ['127.0.0.1:5433 -> 5432/tcp', []],
      ['[::1]:5434 -> 5432/udp', []],
    ]);
    const db = p.nodes.find((n) => n.name === 'db')!;
    expect([db.datastore, db.publicFacing]).toEqual(['PostgreSQL', true]);
    expect(await renderPicture(input, 'dot')).toContain('0.0.0.0:5432 -&gt; 5432/tcp<BR/><FONT COLOR="#b71c1c"><B>! no-public-datastore-port</B></FONT>');
  });

  it('labels a port part given by an unset variable as written', () => {
    const p = picture('services:\n  web: { image: nginx, ports: ["${P}:80", { target: 81, published: "${Q}", host_ip: "${IP}" }] }\n');
    expect(p.edges.find((e) => e.kind === 'port')!.lines.map((l) => l.text)).toEqual(['0.0.0.0:${P} -> 80/tcp', '${IP}:${Q} -> 81/tcp']);
  });

  it('shows network_mode host, none, service:x and container:x for what they are', () => {
    const p = picture(`
services:
  app: { image: nginx, networks: [front] }
  side: { image: envoy, network_mode: "service:app" }
  hostly: { image: nginx, network_mode: host }
  alone: { image: busybox, network_mode: none }
  guest: { image: busybox, network_mode: "container:abc" }
networks:
  front: {}
`);
    expect(edgesOf(p, 'host-mode')).toEqual(['service:hostly -> host']);
    expect(edgesOf(p, 'shares-stack')).toEqual(['service:side -> service:app']);
    expect(edgesOf(p, 'container-mode')).toEqual(['service:guest -> container:abc']);
    expect(p.nodes.find((n) => n.name === 'alone')!.isolated).toBe('none');
    expect(p.nodes.find((n) => n.name === 'side')!.cluster).toBe('network:front');
    expect(p.edges.filter((e) => e.kind === 'host-mode')[0]!.marks.map((m) => m.ruleId)).toEqual(['no-host-network']);
  });

  it('draws a reference that cannot resolve as its own edge, and one that resolves as a dependency', () => {
    const p = picture(`
services:
  web: { image: nginx, networks: [front], depends_on: [api, db] }
  api: { image: nginx, networks: [front] }
  db: { image: postgres, networks: [back] }
networks:
  front: {}
  back: { internal: true }
`);
    expect(edgesOf(p, 'depends')).toEqual(['service:web -> service:api']);
    expect(edgesOf(p, 'unreachable')).toEqual(['service:web -> service:db']);
  });

  it('puts network findings on the cluster and access findings on an edge to the datastore', () => {
    const text = `
services:
  web: { image: nginx }
  db: { image: postgres }
`;
    const p = picture(text, [
      finding('no-flat-network', { network: 'default', severity: 'warning' }),
      finding('no-unrelated-datastore-access', { service: 'web', network: 'default', message: 'service "web" shares network "default" with PostgreSQL "db"' }),
      finding('require-no-new-privileges', { service: 'web' }),
    ]);
    expect(p.clusters[0]!.marks).toEqual([{ ruleId: 'no-flat-network', severity: 'warning' }]);
    expect(edgesOf(p, 'datastore-access')).toEqual(['service:web -> service:db']);
    // Hardening findings stay in the list, off the picture; the access finding sits on its edge only.
    expect(p.nodes.find((n) => n.name === 'web')!.marks).toEqual([]);
  });

  it('is deterministic whatever the order of the file', async () => {
    const a = 'services:\n  b: { image: nginx, ports: ["80:80"] }\n  a: { image: redis }\n';
    const b = 'services:\n  a: { image: redis }\n  b: { image: nginx, ports: ["80:80"] }\n';
    for (const format of ['mermaid', 'dot'] as const) {
      expect(await renderPicture(load(a), format)).toBe(await renderPicture(load(b), format));
    }
  });
});

describe('escaping', () => {
  const awkward = ['api.v2', 'api-v2', 'api_v2', 'café', '数据库', 'end', 'a"b', 'x\\y'];

  it('gives every awkward name its own valid Mermaid id', () => {
    const ids = awkward.map((n) => mermaidId(`service:${n}`));
    expect(new Set(ids).size).toBe(awkward.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
    expect(mermaidText('a "b" <c> & #d')).toBe('a #quot;b#quot; #lt;c#gt; #amp; #35;d');
  });

  it('quotes DOT ids and labels', () => {
    expect(dotId('service:a"b\\c')).toBe('"service:a\\"b\\\\c"');
    expect(dotHtml('<b> & "c"')).toBe('&lt;b&gt; &amp; &quot;c&quot;');
  });

  it('lays out awkward names with Graphviz without warnings', async () => {
    const services = awkward.map((n) => `  ${JSON.stringify(n)}: { image: nginx, ports: ["8080:80"] }`).join('\n');
    const input = load(`services:\n${services}\nnetworks:\n  "net.work-ü": {}\n`);
    const { svg, warnings } = await layoutDot(await renderPicture(input, 'dot'));
    expect(warnings).toEqual([]);
    expect(svg).toContain('数据库');
    expect(svg).toContain('a&quot;b');
    expect(await renderPicture(input, 'mermaid')).toContain('service__u6570__u636e__u5e93_');
  });
});

describe('lazy Graphviz', () => {
  it('imports @viz-js/viz only from the SVG module, and only dynamically', () => {
    const src = (f: string) => readFileSync(join(import.meta.dirname, '..', 'src', f), 'utf8');
    expect(src('picture/index.ts')).not.toMatch(/^import .*(svg|html)\.js'/m);
    expect(src('picture/svg.ts')).toMatch(/^import type \{ Viz \} from '@viz-js\/viz';$/m);
    expect(src('lint.ts')).not.toMatch(/from '\.\/picture/);
  });

  it('renders a self-contained HTML page with the SVG and the findings', async () => {
    const html = await renderPicture(load('services:\n  db: { image: postgres, ports: ["5432:5432"] }\n'), 'html');
    expect(html).toContain('<svg');
    expect(html).toContain('no-public-datastore-port');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});
