/** The wording of network findings where the fixtures (ids and locations only) cannot tell right from wrong. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import { fixerFor } from '../src/fix/fixers.js';

const messages = (text: string, ruleId: string): string[] =>
  lintText(text, 'compose.yaml', { preset: 'strict' }).findings.filter((f) => f.ruleId === ruleId).map((f) => f.message);

describe('no-unreachable-service-reference', () => {
  it('says an alias answers only on its own network, even when the services share another one', () => {
    const [message] = messages(`
services:
  api:
    image: example/api:1.0
    networks:
      frontend:
      backend:
        aliases: [api-internal]
  admin:
    image: example/admin:1.0
    networks: [frontend]
    healthcheck:
      test: curl -fsS http://api-internal:8080/health
networks:
  frontend:
  backend:
    internal: true
`, 'no-unreachable-service-reference');
    expect(message).toContain('"api-internal" is a network alias of "api" only on "backend", and "admin" is not on it');
    expect(message).not.toContain('no network in common');
  });

  it('quotes a variable name that ends with a blank, as Compose keeps it from `- NAME = value`', () => {
    const text = 'services:\n  app:\n    image: app:1\n    environment:\n      - DB_URL = postgres://db:5432/app\n      - CACHE_URL=redis://cache:6379\n    networks: [front]\n  db:\n    image: postgres:16\n    networks: [back]\n  cache:\n    image: redis:7\n    networks: [back]\nnetworks:\n  front: {}\n  back: {}\n';
    expect(messages(text, 'no-unreachable-service-reference').map((m) => /\((.*?)\)/.exec(m)![1])).toEqual(['environment variable "DB_URL "', 'environment variable CACHE_URL']);
  });
});

describe('require-internal-network', () => {
  const split = (webNetworks: string) => messages(`
services:
  web:
    image: nginx:1.27
    ports: ["127.0.0.1:8080:80"]
    networks: ${webNetworks}
  db:
    image: postgres:16
    networks: [shared]
networks:
  shared:
  jobs:
    internal: true
`, 'require-internal-network');

  const egress = (extra: string) => messages(`
services:
  worker:
    image: example/worker:1.0
    networks: [shared]
    environment:
      OPENAI_API_BASE: https://api.openai.com/v1
${extra}
  db:
    image: postgres:16
    networks: [shared]
networks:
  shared:
`, 'require-internal-network');

  it('names the services that internal: true would cut off from the internet, but not the datastores', () => {
    expect(egress('')[0]).toContain('`internal: true` alone would also cut "worker" off from the internet (its only network): give it a second, non-internal network if it calls anything outside');
    const [two] = egress('  dev:\n    image: example/dev:1.0\n    networks: [shared]');
    expect(two).toContain('would also cut "worker" and "dev" off from the internet (their only network): give them a second, non-internal network if they call anything outside');
    expect(two).not.toContain('"db" off');
  });

  it('names a sidecar on the stack of another member beside that member', () => {
    const [message] = egress('  sidecar:\n    image: example/sidecar:1.0\n    network_mode: service:worker');
    expect(message).toContain('would also cut "worker" and "sidecar" (on the network stack of "worker") off');
  });

  it('names a dev container on the datastore stack and offers no fix', () => {
    const text = 'services:\n  app:\n    build: .\n    network_mode: service:db\n  db:\n    image: postgres:16\n    networks: [backend]\nnetworks:\n  backend:\n';
    const [finding] = lintText(text, 'compose.yaml', { preset: 'strict' }).findings.filter((f) => f.ruleId === 'require-internal-network');
    expect(finding!.message).toContain('would also cut "app" (on the network stack of "db") off from the internet');
    expect(finding!.messageId).toBe('notInternalEgress');
    expect(fixerFor(finding!)).toBeUndefined();
  });

  it('says on the implicit default network that a dev container shares the datastore stack', () => {
    const [message] = messages('services:\n  app:\n    build: .\n    network_mode: service:db\n  db:\n    image: postgres:16\n', 'require-internal-network');
    expect(message).toContain('; "app" shares its network stack and would lose the internet with it: give it its own network and reach "db" by name first');
  });

  it('names them beside the publishers when the network must be split', () => {
    const [message] = egress('  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:80"]\n    networks: [shared]');
    expect(message).toContain('would stop Docker publishing the ports of "web" (its only network), and cut "worker" off from the internet: split it');
  });

  it('says "its only network" only when it is', () => {
    expect(split('[shared]')[0]).toContain('the ports of "web" (its only network)');
    const [twoNetworks] = split('[shared, jobs]');
    expect(twoNetworks).toContain('the ports of "web" (left on internal networks only)');
    expect(twoNetworks).not.toContain('only network');
  });
});

describe('no-flat-network', () => {
  it('names the public service that provably does not use the datastore, never one built from source', () => {
    const [message] = messages(`
services:
  api:
    build: ./api
    ports: ["8001:8001"]
  docs:
    image: example/docs:1.0
    ports: ["8080:8080"]
  db:
    image: postgres:16
`, 'no-flat-network');
    expect(message).toContain('public-facing "docs" can reach PostgreSQL "db"');
  });
});

describe('no-unrelated-datastore-access', () => {
  it('agrees in number with the datastores it names', () => {
    const text = (stores: string) => `
services:
  web:
    image: nginx:1.27
    networks: [shared]
${stores}
networks:
  shared:
`;
    const [one] = messages(text('  db: {image: postgres:16, networks: [shared]}'), 'no-unrelated-datastore-access');
    expect(one).toContain('with PostgreSQL "db" but never uses it (');
    expect(one).toContain('move the datastore to a backend network that only its clients join');
    const [two] = messages(text('  db: {image: postgres:16, networks: [shared]}\n  cache: {image: redis:7, networks: [shared]}'), 'no-unrelated-datastore-access');
    expect(two).toContain('with PostgreSQL "db" and Redis "cache" but never uses them (');
    expect(two).toContain('move the datastores to a backend network that only their clients join, or declare the dependency if "web" does use them');
  });
});

describe('a public service built from source that may use a datastore', () => {
  const text = `
services:
  web:
    build: ./web
    ports: ["8080:80"]
    depends_on: [api]
  api:
    image: example/api:1.0
    environment:
      DB_HOST: db
  db:
    image: postgres:16
`;
  const found = (options: Parameters<typeof lintText>[2] = {}) =>
    lintText(text, 'compose.yaml', { preset: 'strict', ...options }).findings.filter((f) => f.ruleId === 'no-flat-network' || f.ruleId === 'no-unrelated-datastore-access');

  it('is a note from both rules, saying the linter cannot tell and how to make it explicit', () => {
    const [flat, unrelated] = found();
    expect(flat!.severity).toBe('note');
    expect(flat!.message).toBe('all 3 services share network "default", so public-facing "web", built from source, can reach PostgreSQL "db" and everything else; compose-lint cannot tell whether its code uses "db". If it does, say so: depends_on, or an environment variable naming the host (DB_HOST=db); if not, put public services on a frontend network and "db" on an internal backend network joined only by its clients');
    expect(unrelated!.severity).toBe('note');
    expect(unrelated!.message).toBe('service "web" is built from source, publishes port "8080:80" on all host interfaces and shares network "default" with PostgreSQL "db"; compose-lint cannot tell whether its code uses it. If it does, say so: depends_on, or an environment variable naming the host (DB_HOST=db); if not, take "web" off the network, so that a compromised front end cannot reach the datastore');
  });

  it('gives way to a warning about a public service that provably does not use the datastore', () => {
    const flat = lintText(`${text}  docs:\n    image: example/docs:1.0\n    ports: ["8081:8080"]\n`, 'compose.yaml', { preset: 'strict' }).findings.filter((f) => f.ruleId === 'no-flat-network');
    expect(flat.map((f) => `${f.severity} ${f.message.split(' can reach')[0]}`)).toEqual(['warning all 4 services share network "default", so public-facing "docs"']);
  });

  it('is left out with the option possibleClients: false', () => {
    const rules = new Map([['no-flat-network', { options: { possibleClients: false } }], ['no-unrelated-datastore-access', { options: { possibleClients: false } }]]);
    expect(found({ rules })).toEqual([]);
  });

  it('takes the severity set for the rule, as every finding of a rule does', () => {
    const rules = new Map([['no-unrelated-datastore-access', { severity: 'error' as const }]]);
    expect(found({ rules }).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['no-flat-network note', 'no-unrelated-datastore-access error']);
  });

  it('is not reported when the service faces no one, or shows a sign of being a client', () => {
    const quiet = (web: string) => lintText(text.replace('    ports: ["8080:80"]\n    depends_on: [api]\n', web), 'compose.yaml', { preset: 'strict' }).findings.filter((f) => f.ruleId === 'no-unrelated-datastore-access');
    expect(quiet('    ports: ["127.0.0.1:8080:80"]\n')).toEqual([]);
    expect(quiet('    ports: ["8080:80"]\n    depends_on: [db]\n')).toEqual([]);
    expect(quiet('    ports: ["8080:80"]\n    environment:\n      DATABASE_URL: postgres://app@db/app\n')).toEqual([]);
    expect(quiet('    ports: ["8080:80"]\n    environment:\n      DATABASE_URL: ${DATABASE_URL}\n')).toEqual([]);
    // Signs without a host: a variable named for the datastore kind, or a secret shared with it.
    expect(quiet('    ports: ["8080:80"]\n    environment:\n      POSTGRES_DB: app\n')).toEqual([]);
    expect(quiet('    ports: ["8080:80"]\n    environment:\n      PGUSER: app\n')).toEqual([]);
    const shared = text.replace('    ports: ["8080:80"]\n    depends_on: [api]\n', '    ports: ["8080:80"]\n    secrets: [db-password]\n')
      .replace('    image: postgres:16\n', '    image: postgres:16\n    secrets: [db-password]\nsecrets:\n  db-password:\n    file: ./db-password.txt\n');
    expect(lintText(shared, 'compose.yaml', { preset: 'strict' }).findings.filter((f) => f.ruleId === 'no-unrelated-datastore-access')).toEqual([]);
    // A variable for another kind of datastore is no sign for this one.
    expect(quiet('    ports: ["8080:80"]\n    environment:\n      REDIS_PASSWORD: x\n')).toHaveLength(1);
  });
});

describe('a network stack shared with a client of the datastore', () => {
  it('is not reported on the sidecar that hosts it, by either rule', () => {
    const findings = lintText(`
services:
  vpn:
    image: tailscale/tailscale:v1.76.0
    ports: ["443:443"]
  app:
    image: nextcloud:29
    network_mode: "service:vpn"
    environment:
      MYSQL_HOST: db
    depends_on: [db]
  db:
    image: mariadb:11
`, 'compose.yaml', { preset: 'strict' }).findings;
    expect(findings.filter((f) => f.ruleId === 'no-flat-network' || f.ruleId === 'no-unrelated-datastore-access')).toEqual([]);
  });
});

describe('no-host-network', () => {
  it('says a datastore on the host network listens on every host interface', () => {
    const [message] = messages('services:\n  db:\n    image: postgres:16\n    network_mode: host\n  agent:\n    image: example/agent:1.0\n    network_mode: host\n', 'no-host-network');
    expect(message).toContain('PostgreSQL service "db" uses network_mode: host, so the datastore listens on every interface of the host');
    expect(messages('services:\n  agent:\n    image: example/agent:1.0\n    network_mode: host\n', 'no-host-network')[0]).toContain('shares the host\'s network stack');
  });
});

describe('ports given by unset variables', () => {
  const unbound = (port: string): string[] => messages(`services:\n  web:\n    image: nginx:1.27\n    ports:\n      - ${port}\n`, 'no-unbound-port');

  it('show the variable as written in the port and keep it in the suggestion', () => {
    const [long] = unbound('{ target: 91, published: "${P91}" }');
    expect(long).toContain('port "${P91}:91/tcp" of service "web"');
    expect(long).toContain('("127.0.0.1:${P91}:91")');
    expect(long).not.toContain('?');
    expect(long).not.toContain('written as');
    const [short] = unbound('"${P92}:92"');
    expect(short).toContain('("127.0.0.1:${P92}:92")');
    // A default may hold a colon: the expression stays whole.
    expect(unbound('"${HOST_PORT}:${APP_PORT:?set it: e.g. 80}/udp"')[0]).toContain('("127.0.0.1:${HOST_PORT}:${APP_PORT:?set it: e.g. 80}/udp")');
    expect(unbound('"0.0.0.0:${P}:80"')[0]).toContain('("127.0.0.1:${P}:80")');
  });

  it('keep a default that resolved, and say how it was written', () => {
    const [message] = unbound('{ target: 80, published: "${P:-8080}" }');
    expect(message).toContain('port "8080:80/tcp"');
    expect(message).toContain('("127.0.0.1:8080:80")');
    expect(message).toContain('(written as "${P:-8080}")');
  });

  it('show a datastore port as written', () => {
    const [message] = messages('services:\n  db:\n    image: postgres:16\n    ports:\n      - target: 5432\n        published: ${PDB}\n', 'no-public-datastore-port');
    expect(message).toContain('publishes port "${PDB}:5432/tcp" on all host interfaces');
  });
});

describe('no-over-connected-service', () => {
  it('counts Docker networks, named by the first key that reaches each', () => {
    const [message] = messages(`
services:
  api:
    image: example/api:1.0
    networks: [shared, infra, backend, admin]
networks:
  shared: { name: platform-net, external: true }
  infra: { name: platform-net, external: true }
  backend: { internal: true }
  admin: { internal: true }
`, 'no-over-connected-service');
    expect(message).toContain('service "api" joins 3 networks ("shared", "backend" and "admin"), more than 2');
  });
});

describe('no-links', () => {
  it('says to leave the default bridge first when links are its only name resolution', () => {
    const text = (mode: string) => `services:\n  web:\n    image: w:1\n${mode}    links: [db]\n  db:\n    image: postgres:16\n${mode}`;
    expect(messages(text('    network_mode: bridge\n'), 'no-links')[0]).toContain('move both services to a user-defined network (see no-default-bridge), then remove the link');
    expect(messages(text(''), 'no-links')[0]).toContain('remove it and reach "db" by its service name');
  });
});

describe('no-unbound-port', () => {
  const findings = (text: string) => lintText(text, 'compose.yaml', { preset: 'strict' }).findings.filter((f) => f.ruleId === 'no-unbound-port');

  it('keeps the finding on a possible public entry point but offers no loopback fix', () => {
    const [web, other] = findings('services:\n  web:\n    image: example/web:1.0\n    ports: ["80:80", "9000:9000"]\n');
    expect(web!.message).toContain('container port 80 is a web port, so it may be the public entry point: if it is, keep the port and suppress this finding with a reason');
    expect(fixerFor(web!)).toBeUndefined();
    expect(fixerFor(other!)).toBeDefined();
    const [proxy] = findings('services:\n  edge:\n    image: jc21/nginx-proxy-manager:2\n    ports: ["81:81"]\n');
    expect(proxy!.message).toContain('; it runs nginx-proxy-manager, a reverse proxy or web server, so it may be');
  });

  it('suggests a loopback default for an address written as a variable with a default', () => {
    const [message] = findings('services:\n  api:\n    image: example/api:1.0\n    ports: ["${BIND_ADDR:-0.0.0.0}:${P:-4000}:4000"]\n').map((f) => f.message);
    expect(message).toContain('by the default of ${BIND_ADDR}; change the default to 127.0.0.1 ("${BIND_ADDR:-127.0.0.1}:${P:-4000}:4000")');
  });
});

describe('long lists in network messages', () => {
  it('name five services and count the rest', () => {
    const workers = Array.from({ length: 8 }, (_, i) => `  w${i}:\n    image: example/worker:1.0\n    networks: [shared]\n`).join('');
    const text = `services:\n  db:\n    image: postgres:16\n    networks: [shared]\n${workers}networks:\n  shared:\n`;
    const [message] = lintText(text, 'compose.yaml').findings.filter((f) => f.ruleId === 'require-internal-network').map((f) => f.message);
    expect(message).toContain('would also cut "w0", "w1", "w2", "w3", "w4" and 3 more off from the internet');
  });
});
