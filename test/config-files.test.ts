/** Hosts named by a service's mounted config files, as datastoreUse reads them. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostLinesInConfig, hostsInConfig } from '../src/graph/config-files.js';
import { SIDE_DIRECTORY_MAX_ENTRIES, SideFiles } from '../src/graph/side-files.js';
import { lintText } from '../src/lint.js';

describe('hostsInConfig', () => {
  it('reads host positions of HAProxy, nginx, Envoy, pgbouncer and JSON configs', () => {
    const hosts = (text: string) => [...hostsInConfig(text)].sort();
    expect(hosts('backend pg\n    server pg1 db:5432 check\n    server pg2 replica check port 5432\n')).toEqual(['db', 'pg1', 'pg2', 'replica']);
    // Generous: the word after an nginx address (`backup`) is taken too; it only ever proves use.
    expect(hosts('upstream r { server sessions; server 10.0.0.9:6379 backup; }\nproxy_pass http://api:8080/;\n')).toEqual(['10.0.0.9', 'api', 'backup', 'sessions']);
    expect(hosts('socket_address: { address: pg-primary, port_value: 5432 }\n')).toEqual(['pg-primary']);
    expect(hosts('[databases]\napp = host=db port=5432 dbname=app\n')).toEqual(['db']);
    expect(hosts('{"upstream": {"Host": "Cache", "Port": 6379}}')).toEqual(['cache']);
  });

  it('does not read comments, paths, server names or the config language variables as hosts', () => {
    const text = [
      '# proxies to db through the api',
      '; db = host=db (INI comment)',
      'server {',
      '    server_name db.example.com;',
      '    location /db/ { return 301 https://$host$request_uri; }',
      '    root /srv/db;',
      '}',
    ].join('\n');
    expect([...hostsInConfig(text)].filter((h) => h === 'db')).toEqual([]);
  });
});

describe('hostLinesInConfig', () => {
  it('gives the first line naming each host, and tells host positions from words next to them', () => {
    const text = ['# admin is on the back network', 'upstream pool {', '  server admin:9000 backup;', '}', 'backend pg', '  server pg1 db:5432 check', 'location @fallback { proxy_pass http://web:8000; }', 'admin_url: mailto:ops@mail'].join('\n');
    expect(Object.fromEntries(hostLinesInConfig(text))).toEqual({
      admin: { line: 3, strict: true },
      backup: { line: 3, strict: false },
      pg1: { line: 6, strict: false },
      db: { line: 6, strict: true },
      web: { line: 7, strict: true },
      mail: { line: 8, strict: true },
    });
  });
});

describe('mounted config files', () => {
  it('are read once however many services and projects of the run mount them', () => {
    const reads: string[] = [];
    const side = new SideFiles((path) => {
      reads.push(path);
      return path.endsWith('haproxy.cfg') ? 'server pg1 db:5432\n' : undefined;
    });
    const compose = `
services:
  a: { image: haproxy:2.9, volumes: ["./haproxy.cfg:/etc/haproxy.cfg:ro"] }
  b: { image: haproxy:2.9, volumes: ["./haproxy.cfg:/etc/haproxy.cfg:ro"] }
  db: { image: postgres:16 }
`;
    for (const file of ['compose.yaml', 'compose.prod.yaml']) {
      const ids = lintText(compose, file, { preset: 'strict', projectDir: '/virtual/project', sideFiles: side }).findings.map((f) => f.ruleId);
      expect(ids).not.toContain('no-unrelated-datastore-access');
    }
    expect(reads).toEqual(['/virtual/project/haproxy.cfg']);
  });
});

describe('mounted config directories', () => {
  const compose = `
services:
  proxy:
    image: nginx:1.27
    ports: ["10.0.0.5:80:80"]
    volumes: ["./nginx/conf.d:/etc/nginx/conf.d:ro", "./site:/usr/share/nginx/html:ro"]
  gateway:
    image: nginx:1.27
    volumes: ["./gateway/conf.d:/etc/nginx/conf.d:ro"]
  app:
    image: example/app:1.0
    environment: { DB_HOST: db }
  db:
    image: postgres:16
`;
  const files: Record<string, string> = {
    '/virtual/project/nginx/conf.d/default.conf': 'server { location / { proxy_pass http://db:5432; } }\n',
    '/virtual/project/nginx/conf.d/tls.key': 'server db;\n',
    '/virtual/project/gateway/conf.d/default.conf': 'server { location / { proxy_pass http://app:8000; } }\n',
  };
  const directories: Record<string, string[]> = {
    '/virtual/project/nginx/conf.d': ['default.conf', 'tls.key'],
    '/virtual/project/gateway/conf.d': ['default.conf'],
    '/virtual/project/site': ['index.html'],
  };

  it('read the config files of a directory mounted where a program keeps its configuration, as proof of use', () => {
    const reads: string[] = [];
    const side = new SideFiles(
      (path) => {
        reads.push(path);
        return files[path];
      },
      (path) => directories[path],
    );
    const findings = lintText(compose, 'compose.yaml', { preset: 'strict', projectDir: '/virtual/project', sideFiles: side }).findings;
    // proxy forwards to db (conf.d/default.conf); gateway only to app
    expect(findings.filter((f) => f.ruleId === 'no-unrelated-datastore-access').map((f) => f.service)).toEqual(['gateway']);
    // neither keys nor the web root are read
    expect(reads).not.toContain('/virtual/project/nginx/conf.d/tls.key');
    expect(reads.filter((p) => p.startsWith('/virtual/project/site/'))).toEqual([]);
  });

  it('are not a top-level /config, where linuxserver images keep their state', () => {
    const listed: string[] = [];
    const side = new SideFiles(() => undefined, (path) => {
      listed.push(path);
      return ['settings.json'];
    });
    const text = 'services:\n  dash:\n    image: lscr.io/linuxserver/heimdall:2.6.1\n    volumes: ["./heimdall/config:/config", "./app/config:/app/config:ro"]\n';
    lintText(text, 'compose.yaml', { preset: 'strict', projectDir: '/virtual/project', sideFiles: side });
    expect(listed).toEqual(['/virtual/project/app/config']);
  });

  it('never prove a host unreachable: the program may not read every file there', () => {
    const side = new SideFiles((path) => (path.endsWith('old.conf') ? 'server { location / { proxy_pass http://api:8000; } }\n' : undefined), (path) => (path.endsWith('conf.d') ? ['old.conf'] : undefined));
    const text = [
      'services:',
      '  proxy: { image: "nginx:1.27", networks: [front], volumes: ["./conf.d:/etc/nginx/conf.d:ro"] }',
      '  api: { image: "example/api:1.0", networks: [back] }',
      'networks: { front: {}, back: {} }',
    ].join('\n');
    // the same text in a mounted file is a broken lookup (api is not on front)
    const file = new SideFiles((path) => (path.endsWith('nginx.conf') ? 'server { location / { proxy_pass http://api:8000; } }\n' : undefined));
    const mounted = text.replace('./conf.d:/etc/nginx/conf.d:ro', './nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(lintText(mounted, 'compose.yaml', { preset: 'strict', projectDir: '/virtual/project', sideFiles: file }).findings.map((f) => f.ruleId)).toContain('no-unreachable-service-reference');
    const ids = lintText(text, 'compose.yaml', { preset: 'strict', projectDir: '/virtual/project', sideFiles: side }).findings.map((f) => f.ruleId);
    expect(ids).not.toContain('no-unreachable-service-reference');
  });

  it('list a real directory up to a bound, files and links only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-lint-confdir-'));
    try {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'b.conf'), 'x');
      writeFileSync(join(dir, 'a.conf'), 'x');
      expect(new SideFiles().list(dir)).toEqual(['a.conf', 'b.conf']);
      expect(new SideFiles().list(join(dir, 'missing'))).toBeUndefined();
      for (let i = 0; i < SIDE_DIRECTORY_MAX_ENTRIES; i++) writeFileSync(join(dir, `f${i}.conf`), 'x');
      expect(new SideFiles().list(dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A public front end on the default network with a client app and a database it does not name, mounting `volume`. */
const frontStack = (volume: string, image = 'nginx:1.27', name = 'proxy', port = '80:80') => `
services:
  ${name}:
    image: ${image}
    ports: ["${port}"]
    volumes: ["${volume}"]
  app:
    image: example/app:1.0
    environment: { DB_HOST: db }
  db:
    image: postgres:16.4
`;

describe('mounted configs not in the checkout', () => {
  const compose = (volume: string) => frontStack(volume);
  const network = (text: string) =>
    lintText(text, 'compose.yaml', { preset: 'strict', projectDir: '/virtual/project', sideFiles: new SideFiles(() => undefined, () => undefined) })
      .findings.filter((f) => f.ruleId === 'no-unrelated-datastore-access' || f.ruleId === 'no-flat-network')
      .map((f) => `${f.ruleId} ${f.severity} ${f.message}`);

  it('leave a doubt: a note that names the config, not a warning that the proxy never uses the datastore', () => {
    expect(network(compose('./proxy/nginx.conf:/etc/nginx/nginx.conf:ro'))).toEqual([
      'no-flat-network note all 3 services share network "default", so public-facing "proxy" can reach PostgreSQL "db" and everything else; compose-lint cannot tell whether it connects to "db": its mounted config proxy/nginx.conf, which may name the hosts it connects to, is not in this checkout. If it does, say so with depends_on; if not, put public services on a frontend network and "db" on an internal backend network joined only by its clients',
      'no-unrelated-datastore-access note service "proxy" publishes port "80:80" on all host interfaces and shares network "default" with PostgreSQL "db", named nowhere compose-lint can read; its mounted config proxy/nginx.conf is not in this checkout, and may name the hosts it connects to (a proxy\'s upstreams). If it connects to it, say so with depends_on; if not, take "proxy" off the network, so that a compromised front end cannot reach the datastore',
    ]);
  });

  it('leave no doubt when they are not where programs keep their configuration', () => {
    expect(network(compose('./site:/usr/share/nginx/html:ro')).map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual(['no-flat-network warning', 'no-unrelated-datastore-access warning']);
  });
});

describe('mounted configs that leave no doubt', () => {
  const stack = (volume: string, image = 'nginx:1.27') => frontStack(volume, image, 'front', '443:443');
  const severity = (text: string, there: (path: string) => boolean = () => false) =>
    lintText(text, 'compose.yaml', { preset: 'strict', projectDir: '/virtual/project', sideFiles: new SideFiles(() => undefined, () => undefined, there) })
      .findings.filter((f) => f.ruleId === 'no-unrelated-datastore-access').map((f) => f.severity);

  it('are certificates, keys, state and data directories, missing on purpose', () => {
    expect(severity(stack('./letsencrypt/acme.json:/letsencrypt/acme.json', 'traefik:v3.1'))).toEqual(['warning']);
    expect(severity(stack('./certs:/etc/nginx/certs:ro'))).toEqual(['warning']);
    expect(severity(stack('./heimdall/config:/config', 'lscr.io/linuxserver/heimdall:2.6.1'))).toEqual(['warning']);
    expect(severity(stack('./geo/GeoLite2-City.mmdb:/etc/nginx/geoip/GeoLite2-City.mmdb:ro'))).toEqual(['warning']);
  });

  it('are files in the checkout that are not read (binary, too big): not missing', () => {
    expect(severity(stack('./nginx.conf:/etc/nginx/nginx.conf:ro'), () => true)).toEqual(['warning']);
    expect(severity(stack('./nginx.conf:/etc/nginx/nginx.conf:ro'))).toEqual(['note']);
  });
});
