/** Recognising datastores: by image name (any registry, tag, digest or bitnami variant), or by a well-known port for `build:` services and images the file does not name. */
import type { Service } from '../model/project.js';
import { isScalar, str, UNKNOWN_MARK } from '../model/node.js';
import { isKnownPart } from '../model/ports.js';

export interface DatastoreKind {
  /** Human name used in messages, e.g. "PostgreSQL". */
  kind: string;
  /** How it was recognised, for messages and docs. */
  by: 'image' | 'port';
}

/**
 * The datastores' repositories, in order: the last path segments an image's product path ends with
 * (`postgres`, `supabase/postgres`), and for names with variants a pattern of the last segment,
 * tried only on a segment with its prefix. Plain names, not one pattern per datastore: most images
 * are none of these, and compiling 27 patterns to say so cost a millisecond at every start.
 */
const IMAGE_KINDS: { kind: string; tails: string[]; prefix?: string; last?: RegExp }[] = [
  { kind: 'PostgreSQL', tails: ['postgis', 'pgvector', 'timescaledb', 'timescaledb-ha', 'timescaledb-postgis', 'supabase/postgres', 'cloudnative-pg/postgresql', 'patroni', 'citus'], prefix: 'postgres', last: /^postgres(ql)?(-\w+)*$/ },
  { kind: 'MySQL', tails: ['mysql', 'mysql-server', 'percona', 'percona-server', 'percona-mysql', 'percona-server-mysql', 'mysql/mysql-server', 'mysql/community-server', 'mysql/enterprise-server'] },
  { kind: 'MariaDB', tails: ['mariadb', 'mariadb-galera'] },
  { kind: 'MongoDB', tails: ['mongo', 'mongodb', 'mongodb-community-server', 'mongodb-enterprise-server', 'mongodb-sharded', 'percona-server-mongodb'] },
  { kind: 'Redis', tails: ['redis', 'redis-stack', 'redis-stack-server', 'redis-cluster'], prefix: 'redislabs/', last: /^redislabs\/(?!redisinsight)\w+$/ },
  { kind: 'Valkey', tails: ['valkey', 'valkey-cluster'] },
  { kind: 'KeyDB', tails: ['keydb'] },
  { kind: 'Dragonfly', tails: ['dragonfly'] },
  { kind: 'Memcached', tails: ['memcached'] },
  { kind: 'Elasticsearch', tails: ['elasticsearch', 'elasticsearch-oss'] },
  { kind: 'OpenSearch', tails: ['opensearch'] },
  { kind: 'Cassandra', tails: ['cassandra'] },
  { kind: 'ScyllaDB', tails: ['scylla', 'scylladb'] },
  { kind: 'CouchDB', tails: ['couchdb'] },
  { kind: 'Couchbase', tails: ['couchbase', 'couchbase-server'] },
  { kind: 'Neo4j', tails: ['neo4j', 'neo4j-enterprise'] },
  { kind: 'InfluxDB', tails: ['influxdb'] },
  { kind: 'ClickHouse', tails: ['clickhouse', 'clickhouse-server'] },
  { kind: 'CockroachDB', tails: ['cockroach', 'cockroachdb'] },
  { kind: 'YugabyteDB', tails: ['yugabyte', 'yugabytedb'] },
  { kind: 'TiDB', tails: ['tidb'] },
  { kind: 'Db2', tails: ['db2'] },
  { kind: 'SQL Server', tails: ['mssql/server', 'mssql/rhel/server', 'azure-sql-edge', 'mssql-server', 'mssql-server-linux'] },
  { kind: 'Oracle Database', tails: ['database/enterprise', 'database/express', 'database/free', 'oracle/database'], prefix: 'oracle-', last: /^oracle-(xe|free|database)[\w-]*$/ },
  { kind: 'QuestDB', tails: ['questdb'] },
  { kind: 'ArangoDB', tails: ['arangodb'] },
  { kind: 'RethinkDB', tails: ['rethinkdb'] },
];

/** Whether the path is `tail` or ends with `/tail`. */
function endsWithPath(path: string, tail: string): boolean {
  return path === tail || (path.endsWith(tail) && path[path.length - tail.length - 1] === '/');
}

/** The last `count` segments of a path (all of it when it has fewer). */
function lastSegments(path: string, count: number): string {
  let at = path.length;
  for (let n = 0; n < count && at !== -1; n++) at = path.lastIndexOf('/', at - 1);
  return path.slice(at + 1);
}

function imageKind(product: string): string | undefined {
  for (const { kind, tails, prefix, last } of IMAGE_KINDS) {
    if (tails.some((tail) => endsWithPath(product, tail))) return kind;
    if (prefix === undefined || last === undefined) continue;
    const segments = lastSegments(product, prefix.endsWith('/') ? 2 : 1);
    if (segments.startsWith(prefix) && last.test(segments)) return kind;
  }
  return undefined;
}

/** Container ports that only a database listens on; used for services built from source. */
const PORTS = new Map<number, string>([
  [5432, 'PostgreSQL'], [3306, 'MySQL'], [33060, 'MySQL'], [27017, 'MongoDB'], [27018, 'MongoDB'],
  [6379, 'Redis'], [11211, 'Memcached'], [9200, 'Elasticsearch'], [9300, 'Elasticsearch'], [9042, 'Cassandra'],
  [5984, 'CouchDB'], [8091, 'Couchbase'], [7687, 'Neo4j'], [8086, 'InfluxDB'], [1433, 'SQL Server'],
  [1521, 'Oracle Database'], [26257, 'CockroachDB'], [8123, 'ClickHouse'], [28015, 'RethinkDB'], [8529, 'ArangoDB'],
]);

export interface DatastoreOptions {
  /** Extra image patterns (substring of the repository path, or a /regex/). */
  images?: string[];
  ports?: number[];
}

/** The repository path of an image reference, without registry host, tag or digest. */
export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at !== -1) ref = ref.slice(0, at);
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > lastSlash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  const registry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!);
  if (registry) parts.shift();
  if (parts[0] === 'library') parts.shift();
  // Mirrors and pull-through caches of Docker Hub's official images keep its `library/` segment:
  // public.ecr.aws/docker/library/mysql, harbor.corp/dockerhub-proxy/library/mysql are mysql.
  else if (registry) {
    const library = parts.indexOf('library');
    if (library > 0 && library < parts.length - 1) parts.splice(0, library + 1);
  }
  return parts.join('/');
}

/**
 * The repository of a service's image when it is known: `postgres:${PG_VERSION}` is postgres, and
 * so is `${REGISTRY}/postgres`; `${DB_IMAGE}` or `postgres${SUFFIX}` are not known.
 */
export function knownRepository(image: Service['image']): string | undefined {
  if (!image) return undefined;
  if (!image.unknown) return imageRepository(str(image) ?? '');
  return image.masked === undefined ? undefined : maskedRepository(image.masked);
}

/** The repository of an image reference whose unknown parts are UNKNOWN_MARK, when those parts are only registry, tag or digest. */
export function maskedRepository(masked: string): string | undefined {
  const parts = imageRepository(masked).split('/');
  while (parts.length > 1 && parts[0]!.includes(UNKNOWN_MARK)) parts.shift();
  const repo = parts.join('/');
  return repo.includes(UNKNOWN_MARK) || repo === '' ? undefined : repo;
}

export function detectDatastore(service: Service, extra: DatastoreOptions = {}, buildBase: () => string | undefined = () => undefined): DatastoreKind | undefined {
  const repo = knownRepository(service.image);
  if (repo !== undefined) {
    const kind = repositoryKind(repo, extra);
    // With a build, the image only names what is built (myorg/api): the Dockerfile's base may say more.
    if (kind !== null || !service.build) return kind ?? undefined;
  }
  if (service.build) {
    // Built from a datastore's image (`FROM postgres:16` plus init scripts): that datastore.
    const base = buildBase();
    if (base !== undefined) {
      const kind = repositoryKind(base, extra);
      if (kind !== null) return kind;
    }
    if (repo !== undefined) return undefined;
  }
  // Built from source, or an image the file does not name (`${DB_IMAGE}`, or none: the rest of the
  // service is in a file `extends` could not read): a datastore only if every container port it
  // declares is a datastore port (an app that also exposes 3306 by copy-paste is still an app).
  const ports = containerPorts(service);
  if (ports.length === 0) return undefined;
  let found: DatastoreKind | undefined;
  for (const port of ports) {
    const kind = PORTS.get(port) ?? (extra.ports?.includes(port) ? `port ${port}` : undefined);
    if (!kind) return undefined;
    found ??= { kind, by: 'port' };
  }
  return found;
}

/** A path segment that names a version or a channel (`v3.17`, `3.17`, `16-alpine`, `latest`, `stable`), not a product. */
const VERSION_SEGMENT = /^(v?\d+(\.\d+)*([-_.][a-z0-9]+)*|latest|stable)$/;

/**
 * The repository without trailing version segments: some registries keep one repository per
 * version (`allworldit/docker/postgresql/v3.17`), so the product is the segment before them.
 */
export function productPath(repo: string): string {
  const parts = repo.split('/');
  while (parts.length > 1 && VERSION_SEGMENT.test(parts[parts.length - 1]!)) parts.pop();
  return parts.join('/');
}

/** The datastore an image repository runs; undefined for a client of one (postgres-exporter), null when it says nothing. */
function repositoryKind(repo: string, extra: DatastoreOptions): DatastoreKind | undefined | null {
  // An exporter, backup job or proxy named after its datastore (postgres-exporter) talks to one; it holds no data.
  if (isClientRepository(repo)) return undefined;
  const kind = imageKind(productPath(repo));
  if (kind !== undefined) return { kind, by: 'image' };
  for (const custom of extra.images ?? []) if (matchCustom(custom, repo)) return { kind: repo, by: 'image' };
  return null;
}

/**
 * Datastores that answer on UDP: Memcached (its UDP port was the 2018 amplification vector),
 * InfluxDB 1.x's UDP input and QuestDB's line protocol over UDP. The others listen on TCP only.
 */
const UDP_LISTENERS = new Set(['Memcached', 'InfluxDB', 'QuestDB']);
const KNOWN_KINDS = new Set(IMAGE_KINDS.map(({ kind }) => kind));

/** False when a datastore of this kind has no listener for `protocol`; a kind the linter does not know (configured) may have any. */
export function listensOn(kind: string, protocol: string): boolean {
  if (!KNOWN_KINDS.has(kind)) return true;
  if (protocol === 'udp') return UDP_LISTENERS.has(kind);
  return protocol !== 'sctp';
}

/** The container ports a datastore of this kind listens on by default. */
export function listeningPorts(kind: string): number[] {
  return [...PORTS].filter(([, k]) => k === kind).map(([port]) => port);
}

/** The source of a `/regular expression/` datastore pattern; undefined for a plain substring. */
export function patternSource(pattern: string): string | undefined {
  return /^\/(.*)\/$/.exec(pattern)?.[1];
}

// Compiled once per pattern, not once per service; null for a pattern that does not compile
// (the config loader refuses those, a library caller may not have).
const compiled = new Map<string, RegExp | null>();

/** Docker refuses longer image names (distribution/reference: 255 characters), so such a name names no image. */
export const MAX_MATCHED_LENGTH = 255;

function matchCustom(pattern: string, repo: string): boolean {
  const source = patternSource(pattern);
  if (source === undefined) return repo.includes(pattern.toLowerCase());
  // Config patterns run on no longer names: with src/config/pattern.ts, this bounds their matching time.
  if (repo.length > MAX_MATCHED_LENGTH) return false;
  let regex = compiled.get(source);
  if (regex === undefined) {
    try {
      regex = new RegExp(source);
    } catch {
      regex = null;
    }
    compiled.set(source, regex);
  }
  return regex?.test(repo) ?? false;
}

function containerPorts(service: Service): number[] {
  const out: number[] = [];
  for (const port of service.ports) {
    // A target holding an unset variable is kept as written (`${T}`, `54${X}`): no port to read.
    if (port.target === undefined || !isKnownPart(port.target)) continue;
    const n = Number.parseInt(port.target, 10);
    if (Number.isFinite(n)) out.push(n);
  }
  for (const node of service.expose) {
    if (isScalar(node)) {
      const n = Number.parseInt(String(node.value), 10);
      if (Number.isFinite(n)) out.push(n);
    }
  }
  return out;
}

/** Admin UIs, poolers, dashboards and BI tools whose whole job is to talk to the datastores on their network, often configured only in their UI (and every exporter). */
const CLIENT_NAMES = new Set([
  'adminer', 'pgadmin', 'pgadmin4', 'phpmyadmin', 'mongo-express', 'redis-commander', 'redisinsight', 'kibana', 'opensearch-dashboards',
  'cloudbeaver', 'dbgate', 'sqlpad', 'pgweb', 'grafana', 'chronograf', 'metabase', 'superset', 'redash', 'pgbouncer', 'pgpool',
  'pgpool-ii', 'pgcat', 'proxysql', 'pgbackrest',
]);

/** Words of an image name that make it a tool around a datastore rather than the datastore itself. */
const TOOL_WORDS = new Set([
  'exporter', 'backup', 'backups', 'dump', 'restore', 'proxy', 'bouncer', 'pooler', 'operator', 'admin', 'ui', 'gui', 'dashboard',
  'commander', 'insight', 'client', 'cli', 'migrate', 'migrations', 'migrator', 'seed', 'seeder',
]);
/** Words naming a datastore, so that `postgres-backup` is a client while `nginx-proxy` is not. */
const DATASTORE_WORDS = /^(postgres(ql)?|pg|postgis|timescaledb|citus|mysqld?|mariadb|percona|mongo(db)?|redis|valkey|keydb|dragonfly|memcached|elasticsearch|opensearch|cassandra|scylla(db)?|couchdb|couchbase|neo4j|influxdb|clickhouse|cockroach(db)?|yugabyte(db)?|tidb|db2|mssql|oracle|questdb|arangodb|rethinkdb|db|sql|database)$/;

/** A repository whose last component names a datastore tool: a known client, any exporter, or `<datastore>-<tool word>`. */
export function isClientRepository(repo: string): boolean {
  const product = productPath(repo);
  const last = lastSegments(product, 1);
  if (CLIENT_NAMES.has(last) || (last.endsWith('exporter') && /^[\w-]*$/.test(last))) return true;
  const words = last.split(/[-_.]/);
  return words.some((w) => TOOL_WORDS.has(w)) && words.some((w) => DATASTORE_WORDS.test(w));
}

/** Words that name a datastore kind in a client's variables (`POSTGRES_DB`, `MYSQL_DATABASE`, `REDIS_PASSWORD`). */
const KIND_WORDS: Record<string, string[]> = {
  PostgreSQL: ['POSTGRES', 'POSTGRESQL', 'PGSQL'],
  MySQL: ['MYSQL'],
  MariaDB: ['MARIADB', 'MYSQL'],
  MongoDB: ['MONGO', 'MONGODB'],
  Redis: ['REDIS'],
  Valkey: ['VALKEY', 'REDIS'],
  KeyDB: ['KEYDB', 'REDIS'],
  Dragonfly: ['DRAGONFLY', 'REDIS'],
  Memcached: ['MEMCACHE', 'MEMCACHED'],
  Elasticsearch: ['ELASTIC', 'ELASTICSEARCH'],
  OpenSearch: ['OPENSEARCH'],
  Cassandra: ['CASSANDRA'],
  ScyllaDB: ['SCYLLA', 'SCYLLADB', 'CASSANDRA'],
  CouchDB: ['COUCHDB'],
  Couchbase: ['COUCHBASE'],
  Neo4j: ['NEO4J'],
  InfluxDB: ['INFLUX', 'INFLUXDB'],
  ClickHouse: ['CLICKHOUSE'],
  CockroachDB: ['COCKROACH', 'COCKROACHDB'],
  YugabyteDB: ['YUGABYTE', 'YUGABYTEDB'],
  TiDB: ['TIDB'],
  Db2: ['DB2'],
  'SQL Server': ['MSSQL', 'SQLSERVER'],
  'Oracle Database': ['ORACLE'],
  QuestDB: ['QUESTDB'],
  ArangoDB: ['ARANGO', 'ARANGODB'],
  RethinkDB: ['RETHINKDB'],
};

/** True when a variable's name names this kind of datastore (`POSTGRES_DB`, `PGUSER`, `MYSQL_DATABASE`): its service is configured as a client of one. */
export function namesKind(variable: string, kind: string): boolean {
  const words = KIND_WORDS[kind];
  if (!words) return false;
  const segments = variable.toUpperCase().split(/[_.-]+/);
  // libpq's own variables: PGUSER, PGDATABASE, PGPASSWORD.
  if (kind === 'PostgreSQL' && /^PG[A-Z]+$/.test(segments[0]!)) return true;
  return segments.some((segment) => words.includes(segment));
}

/**
 * Static web servers. Built FROM one (a compiled front end copied into nginx), a service serves files
 * and proxies HTTP: no code of its own talks to a datastore. OpenResty runs Lua that may, so it is not here.
 */
const STATIC_WEB_SERVERS = /(^|\/)(nginx(-unprivileged)?|httpd|apache2?|caddy|lighttpd)$/;

export function isStaticWebServer(repo: string): boolean {
  return STATIC_WEB_SERVERS.test(productPath(repo));
}

export function isDatastoreClient(service: Service): boolean {
  const repo = knownRepository(service.image);
  return repo !== undefined && isClientRepository(repo);
}
