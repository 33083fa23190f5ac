/** Hosts named by a service's mounted config files, as datastoreUse reads them. */
import { describe, expect, it } from 'vitest';
import { hostLinesInConfig, hostsInConfig } from '../src/graph/config-files.js';
import { SideFiles } from '../src/graph/side-files.js';
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
