import { describe, expect, it } from 'vitest';
import { contains, findOverlaps, parseAddress, parseCidr, within } from '../src/graph/cidr.js';
import { ServiceGraph } from '../src/graph/graph.js';
import { hasUnresolvedVariable, mentions } from '../src/graph/references.js';
import { parseYaml } from '../src/loader/yaml.js';
import { buildProject } from '../src/model/build.js';
import type { LMap } from '../src/model/node.js';

function graphOf(text: string): ServiceGraph {
  const root = parseYaml(text, 'compose.yaml').root as LMap;
  return new ServiceGraph(buildProject(root, { file: 'compose.yaml', dir: '/tmp' }));
}

describe('cidr', () => {
  it('parses IPv4 and IPv6 prefixes and clears host bits', () => {
    const v4 = parseCidr('172.20.5.9/16')!;
    expect([v4.family, v4.start, v4.end]).toEqual([4, 0xac140000n, 0xac14ffffn]);
    const v6 = parseCidr('2001:db8::/32')!;
    expect(v6.family).toBe(6);
    expect(v6.end - v6.start).toBe((1n << 96n) - 1n);
  });

  it('parses compressed and IPv4-embedded IPv6 addresses', () => {
    expect(parseAddress('::1')).toEqual({ family: 6, value: 1n });
    expect(parseAddress('::ffff:10.0.0.1')!.value).toBe(0xffff0a000001n);
    expect(parseAddress('1:2:3:4:5:6:7:8')!.value).toBe(0x00010002000300040005000600070008n);
    expect(parseAddress('fe80::1%eth0')!.value).toBe(0xfe800000000000000000000000000001n);
  });

  it('rejects malformed addresses and prefixes', () => {
    for (const bad of ['10.0.0', '10.0.0.256', '1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1', '01.2.3.4.5', '']) expect(parseAddress(bad), bad).toBeUndefined();
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0', '10.0.0.0/x', '10.0.0/8']) expect(parseCidr(bad), bad).toBeUndefined();
  });

  it('answers containment and overlap across families', () => {
    const net = parseCidr('172.20.0.0/16')!;
    expect(contains(net, parseAddress('172.20.255.255')!)).toBe(true);
    expect(contains(net, parseAddress('172.21.0.0')!)).toBe(false);
    expect(contains(net, parseAddress('::ffff:172.20.0.1')!)).toBe(false);
    expect(within(parseCidr('172.20.0.0/24')!, net)).toBe(true);
    expect(within(parseCidr('172.0.0.0/8')!, net)).toBe(false);
  });

  it('finds overlapping ranges with a sweep, each overlapping range once', () => {
    const items = ['10.0.0.0/8', '10.5.0.0/16', '192.168.0.0/24', '192.168.1.0/24', '10.200.0.0/16', 'fd00::/8', 'fd12::/16'].map((t) => ({ cidr: parseCidr(t)! }));
    const pairs = findOverlaps(items).map(([a, b]) => `${a.cidr.text}~${b.cidr.text}`);
    expect(pairs.sort()).toEqual(['10.0.0.0/8~10.200.0.0/16', '10.0.0.0/8~10.5.0.0/16', 'fd00::/8~fd12::/16']);
  });
});

describe('host mentions', () => {
  const strong = (text: string, name?: string) => mentions(text, name).filter((m) => m.strong).map((m) => m.host).sort();
  const all = (text: string) => mentions(text).map((m) => m.host);

  it('finds hosts in URLs, host:port, user@host and host flags', () => {
    expect(strong('postgres://user:pw@db:5432/app')).toEqual(['db']);
    expect(strong('redis://cache')).toEqual(['cache']);
    expect(strong('kafka1:9092,kafka2:9092')).toEqual(['kafka1', 'kafka2']);
    expect(strong('pg_isready -h db -U postgres')).toEqual(['db']);
    expect(strong('--host=search')).toEqual(['search']);
    expect(strong('db', 'DB_HOST')).toEqual(['db']);
  });

  it('matches whole tokens only', () => {
    expect(all('dbadmin')).not.toContain('db');
    expect(all('https://db.example.com/')).not.toContain('db');
    expect(all('my-db:5432')).not.toContain('db');
    expect(strong('db', 'MODE')).toEqual([]);
  });

  it('reads whole values as hosts only for variables whose last name segment says host', () => {
    for (const name of ['DB_HOST', 'PGHOST', 'REDIS_URL', 'MONGO_URI', 'API_ADDR', 'LISTEN_ADDRESS', 'KAFKA_BOOTSTRAP_SERVERS', 'SENTRY_DSN', 'CASSANDRA_SEEDS', 'REDIS_HOST_2', 'BROKER_LIST', 'spring.datasource.url']) {
      expect(strong('db', name), name).toEqual(['db']);
    }
    for (const name of ['CACHE_BACKEND', 'DB_CONNECTION', 'SERVICE_ROLE', 'TARGET_ENV', 'UPSTREAM_PROTOCOL', 'HOST_NETWORK_MODE', 'SERVER_ROLE', 'NO_PROXY', 'CLUSTER_NAME', 'GHOSTS_ENABLED']) {
      expect(strong('db', name), name).toEqual([]);
    }
  });

  it('does not read the names a service answers to as lookups', () => {
    for (const name of ['ALLOWED_HOSTS', 'DJANGO_ALLOWED_HOSTS', 'TRUSTED_HOSTS', 'VIRTUAL_HOST', 'LETSENCRYPT_HOST', 'virtual.host']) {
      expect(strong('db', name), name).toEqual([]);
    }
    // Only those words, as whole name segments: a proxy host or a URL is still a lookup.
    for (const name of ['PROXY_HOST', 'ALLOWED_HOSTS_URL', 'UNTRUSTED_HOST', 'VIRTUALHOST_ADDR']) {
      expect(strong('db', name), name).toEqual(['db']);
    }
  });

  it('treats image tags and unresolved variables as no host', () => {
    expect(strong('postgres:16')).toEqual([]);
    expect(strong('${PREFIX}db:5432')).not.toContain('db');
    expect(strong('${DB_HOST:-db}:5432')).toEqual(['db']);
    expect(hasUnresolvedVariable('${DB_HOST}')).toBe(true);
    expect(hasUnresolvedVariable('${DB_HOST:-db}')).toBe(false);
    expect(hasUnresolvedVariable('$$HOME')).toBe(false);
  });
});

describe('service graph', () => {
  const g = graphOf(`
services:
  web: {image: nginx, networks: [frontend]}
  api:
    image: api
    profiles: [debug]
    networks:
      frontend: {}
      backend: {aliases: [app]}
  db: {image: postgres, networks: [backend]}
  sidecar: {image: x, network_mode: "service:api"}
  plain: {image: x}
  lonely: {image: x, network_mode: none}
  host: {image: x, network_mode: host}
  varnet: {image: x, networks: ["\${NET}"]}
networks:
  frontend:
  backend: {internal: true}
`);
  const s = (name: string) => g.project.serviceByName.get(name)!;

  it('reads list and map networks, the implicit default and service:x', () => {
    expect(g.networksOf(s('web')).map((n) => n.name)).toEqual(['frontend']);
    expect(g.networksOf(s('api')).map((n) => n.name)).toEqual(['frontend', 'backend']);
    expect(g.networksOf(s('sidecar')).map((n) => n.name)).toEqual(['frontend', 'backend']);
    expect(g.networksOf(s('plain')).map((n) => [n.name, n.implicit])).toEqual([['default', true]]);
  });

  it('answers name resolution, with unknown for unresolved networks', () => {
    expect(g.canResolve(s('web'), s('api'))).toBe(true);
    expect(g.canResolve(s('web'), s('db'))).toBe(false);
    expect(g.canResolve(s('sidecar'), s('db'))).toBe(true);
    expect(g.canResolve(s('sidecar'), s('api'))).toBe(true);
    expect(g.canResolve(s('lonely'), s('db'))).toBe(false);
    expect(g.canResolve(s('host'), s('db'))).toBe(false);
    expect(g.canResolve(s('varnet'), s('db'))).toBeUndefined();
  });

  it('indexes service names and network-scoped aliases', () => {
    expect(g.resolveHost('APP').map((t) => [t.service.name, t.network?.name])).toEqual([['api', 'backend']]);
    expect(g.resolveHost('db').map((t) => t.service.name)).toEqual(['db']);
    expect(g.resolveHost('nothing')).toEqual([]);
  });

  it('builds membership from indexes, services in profiles included', () => {
    expect(g.networks.get('backend')!.members.map((m) => m.name)).toEqual(['api', 'db', 'sidecar']);
    expect(g.networks.has('${NET}')).toBe(false);
  });
});

describe('Docker networks behind Compose keys', () => {
  const g = graphOf(`
services:
  web: {image: nginx, networks: [shared]}
  db: {image: postgres, networks: {infra: {aliases: [primary]}}}
  both: {image: x, networks: [shared, infra]}
  legacy: {image: x, network_mode: bridge}
  onbridge: {image: x, networks: [br]}
  onbridge2: {image: x, networks: [br, shared]}
  other: {image: x, networks: [own]}
  guess: {image: x, networks: [maybe]}
networks:
  shared: {name: platform-net, external: true}
  infra: {name: platform-net, external: true}
  br: {name: bridge, external: true}
  own: {}
  maybe: {name: "\${NET_NAME}"}
`);
  const s = (name: string) => g.project.serviceByName.get(name)!;

  it('groups keys with the same engine name into one network', () => {
    const shared = g.networks.get('shared')!;
    expect(shared.engine).toBe(g.networks.get('infra')!.engine);
    expect(shared.engine.keys.map((k) => k.name)).toEqual(['shared', 'infra']);
    expect(g.servicesOn(shared).map((m) => m.name)).toEqual(['web', 'db', 'both', 'onbridge2']);
    expect(g.enginesOf(s('both'))).toHaveLength(1);
    expect(g.canResolve(s('web'), s('db'))).toBe(true);
    expect(g.isOn(s('web'), g.networks.get('infra')!)).toBe(true);
  });

  it('puts network_mode: bridge and networks named bridge on one docker0', () => {
    const docker0 = g.networks.get('br')!.engine;
    expect(docker0.defaultBridge).toBe(true);
    expect(g.enginesOf(s('legacy'))).toEqual([docker0]);
    expect(docker0.members.map((m) => m.name)).toEqual(['legacy', 'onbridge', 'onbridge2']);
    expect(g.sharedNetworks(s('legacy'), s('onbridge'))).toEqual([docker0]);
  });

  it('resolves no name over docker0 alone, which has no DNS', () => {
    expect(g.shareDefaultBridge(s('onbridge'), s('onbridge2'))).toBe(true);
    expect(g.canResolve(s('onbridge'), s('onbridge2'))).toBe(false);
    expect(g.canResolve(s('onbridge2'), s('web'))).toBe(true);
  });

  it('keeps keys apart when their engine names differ or are unknown', () => {
    expect(g.networks.get('own')!.engine).not.toBe(g.networks.get('maybe')!.engine);
    expect(g.sharedNetworks(s('other'), s('guess'))).toEqual([]);
  });

  it('names networks Compose creates <project>_<key>', () => {
    const root = parseYaml('services:\n  a: {image: x, networks: [own]}\n  b: {image: x, networks: [alias]}\n  c: {image: x}\nnetworks:\n  own: {}\n  alias: {name: shop_own}\n', 'compose.yaml').root as LMap;
    const named = new ServiceGraph(buildProject(root, { file: 'compose.yaml', dir: '/tmp', name: 'shop' }));
    expect(named.networks.get('own')!.engine.name).toBe('shop_own');
    expect(named.networks.get('alias')!.engine).toBe(named.networks.get('own')!.engine);
    expect(named.networks.get('default')!.engine.name).toBe('shop_default');
  });
});
