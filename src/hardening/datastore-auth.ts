/**
 * Settings that start a datastore with authentication switched off, as each image's entrypoint
 * reads them, and official images that start without a password (redis, valkey, mongo): those
 * only count when published, where the rule reports them. A setting is only read where its image family reads it.
 */
import type { SideFiles } from '../graph/side-files.js';
import { entry, get, isScalar, str, type LNode } from '../model/node.js';
import type { EnvVar, Project, Service } from '../model/project.js';
import type { Loc } from '../types.js';
import { bindScope } from '../model/ports.js';
import { fileAt } from './admin-config.js';
import { parseImageRef } from './image.js';
import { commandWords, effectiveEnvironment, envValueAt, knownValue, mayBeSet, scalarItems } from './values.js';

export interface AuthOff {
  /** The setting as messages name it, e.g. `POSTGRES_HOST_AUTH_METHOD=trust`. */
  setting: string;
  /** The value that switches authentication off: map value, the value of a `KEY=VALUE` item, env_file value or command item. */
  at: LNode | Loc;
  /** What to do instead. */
  remedy: string;
  /** An image default rather than a switch: only reported when the datastore is reachable from outside the host. */
  exposedOnly?: boolean;
}

interface EnvSwitch {
  /** Variables the entrypoint reads, in its order of precedence. */
  names: string[];
  /** Whether the image reads them: datastore kind, and repository (undefined when built from source). */
  applies(kind: string, repo: string | undefined): boolean;
  disables(value: string, name: string): boolean;
  /** The entrypoint tests `[ -n "$VAR" ]`: "no", "false" and "0" switch authentication off too. */
  anyValue?: boolean;
  /** The switch only allows an empty password: any of these set keeps authentication on. */
  passwords?(env: Map<string, EnvVar>): boolean;
  /** Variables restricting the passwordless account to connections from inside the container. */
  rootHost?: string[];
  remedy(kind: string): string;
}

/** Bitnami images share one shell library; the catalogue moved to bitnamilegacy in 2025. */
function isBitnami(repo: string | undefined): boolean {
  return repo !== undefined && /^bitnami(legacy)?\//.test(repo);
}

const fromSecret = (name: string): string => `set ${name} from a secret (\`secrets:\` and ${name}_FILE) or from \${VAR} in an untracked .env`;

/** The password variable of each Bitnami datastore image that reads ALLOW_EMPTY_PASSWORD. */
const BITNAMI_PASSWORDS = new Map([
  ['PostgreSQL', 'POSTGRESQL_PASSWORD'], ['MySQL', 'MYSQL_ROOT_PASSWORD'], ['MariaDB', 'MARIADB_ROOT_PASSWORD'],
  ['MongoDB', 'MONGODB_ROOT_PASSWORD'], ['Redis', 'REDIS_PASSWORD'], ['Valkey', 'VALKEY_PASSWORD'],
]);

/** Any of these present, and not known to be empty (a variable from the shell may be set). */
function anySet(env: Map<string, EnvVar>, names: string[]): boolean {
  return names.some((name) => mayBeSet(env.get(name)));
}

const MYSQL_ROOT = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_PASSWORD_FILE', 'MYSQL_RANDOM_ROOT_PASSWORD'];

const ENV_SWITCHES: EnvSwitch[] = [
  {
    // docker-library/postgres writes `host all all all $POSTGRES_HOST_AUTH_METHOD` to pg_hba.conf; POSTGRES_PASSWORD is then never asked for.
    names: ['POSTGRES_HOST_AUTH_METHOD'],
    applies: (kind, repo) => kind === 'PostgreSQL' && !isBitnami(repo),
    disables: (value) => value === 'trust',
    remedy: () => `remove it (password authentication is the default) and ${fromSecret('POSTGRES_PASSWORD')}`,
  },
  {
    // The official mysql image creates root@'%' with an empty password unless a root password is given.
    names: ['MYSQL_ALLOW_EMPTY_PASSWORD'],
    applies: (kind, repo) => kind === 'MySQL' && repo === 'mysql',
    disables: (value) => value !== '',
    anyValue: true,
    passwords: (env) => anySet(env, MYSQL_ROOT),
    rootHost: ['MYSQL_ROOT_HOST'],
    remedy: () => `remove it and ${fromSecret('MYSQL_ROOT_PASSWORD')}`,
  },
  {
    // The official mariadb image: MARIADB_* wins when non-empty, else the MYSQL_* alias.
    names: ['MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD'],
    applies: (kind, repo) => kind === 'MariaDB' && repo === 'mariadb',
    disables: (value) => value !== '',
    anyValue: true,
    passwords: (env) => anySet(env, [
      ...MYSQL_ROOT, 'MARIADB_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD_FILE', 'MARIADB_ROOT_PASSWORD_HASH', 'MARIADB_ROOT_PASSWORD_HASH_FILE', 'MARIADB_RANDOM_ROOT_PASSWORD',
    ]),
    rootHost: ['MARIADB_ROOT_HOST', 'MYSQL_ROOT_HOST'],
    remedy: () => `remove it and ${fromSecret('MARIADB_ROOT_PASSWORD')}`,
  },
  {
    // Bitnami's is_boolean_yes: 1, yes or true, any case. With a password set, the password is used.
    names: ['ALLOW_EMPTY_PASSWORD'],
    applies: (kind, repo) => isBitnami(repo) && BITNAMI_PASSWORDS.has(kind),
    disables: (value) => /^(1|yes|true)$/i.test(value),
    passwords: (env) => [...env.values()].some((v) => /PASSWORD(_FILE)?$/.test(v.name) && !v.name.includes('ALLOW_EMPTY') && mayBeSet(v)),
    remedy: (kind) => `remove it and ${fromSecret(BITNAMI_PASSWORDS.get(kind)!)}`,
  },
  {
    // arangodb's entrypoint: `[ ! -z "$ARANGO_NO_AUTH" ]` starts arangod with --server.authentication=false, password or not.
    names: ['ARANGO_NO_AUTH'],
    applies: (kind) => kind === 'ArangoDB',
    disables: (value) => value !== '',
    anyValue: true,
    remedy: () => `remove it and ${fromSecret('ARANGO_ROOT_PASSWORD')}`,
  },
  {
    // The image turns dotted variables (and ES_SETTING_*) into settings; Elasticsearch parses booleans strictly.
    names: ['xpack.security.enabled', 'ES_SETTING_XPACK_SECURITY_ENABLED'],
    applies: (kind, repo) => kind === 'Elasticsearch' && !isBitnami(repo),
    disables: (value) => value === 'false',
    remedy: () => `remove it (security is on by default since 8.0) and ${fromSecret('ELASTIC_PASSWORD')}`,
  },
  {
    // opensearch-docker-entrypoint.sh: `[ "$DISABLE_SECURITY_PLUGIN" = "true" ]` adds -Eplugins.security.disabled=true.
    names: ['DISABLE_SECURITY_PLUGIN', 'plugins.security.disabled'],
    applies: (kind, repo) => kind === 'OpenSearch' && !isBitnami(repo),
    disables: (value) => value === 'true',
    remedy: () => 'remove it and set OPENSEARCH_INITIAL_ADMIN_PASSWORD from ${VAR} in an untracked .env',
  },
  {
    // The neo4j entrypoint: NEO4J_AUTH=none sets dbms.security.auth_enabled=false, which the second name sets directly.
    names: ['NEO4J_AUTH', 'NEO4J_dbms_security_auth__enabled'],
    applies: (kind, repo) => kind === 'Neo4j' && !isBitnami(repo),
    disables: (value, name) => (name === 'NEO4J_AUTH' ? value === 'none' : value.toLowerCase() === 'false'),
    remedy: () => 'remove it and set NEO4J_AUTH=neo4j/${NEO4J_PASSWORD} with the password in an untracked .env',
  },
];


/** A value known to be local to the container: the passwordless account cannot be reached over a network. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

export function authOff(service: Service, kind: string, repo: string | undefined): AuthOff[] {
  const out: AuthOff[] = [];
  const env = effectiveEnvironment(service);
  for (const sw of ENV_SWITCHES) {
    if (!sw.applies(kind, repo)) continue;
    const found = sw.names.map((name) => env.get(name)).find((v) => v !== undefined && knownValue(v) && sw.disables(v.value, v.name));
    // A value from an env_file could be overridden by a later one that could not be read.
    if (!found || (found.fromFile && !service.environmentComplete)) continue;
    if (sw.passwords && (!service.environmentComplete || sw.passwords(env))) continue;
    if (sw.rootHost) {
      const host = sw.rootHost.map((name) => env.get(name)).find((v) => v !== undefined && !(knownValue(v) && v.value === ''));
      if (host && (!knownValue(host) || LOCAL_HOSTS.has(host.value))) continue;
    }
    const value = found.value as string;
    const note = sw.anyValue && /^(no|n|false|off|0)$/i.test(value) ? '; the image reads any non-empty value as yes' : '';
    const where = found.fromFile ? ` in ${found.fromFile}` : '';
    out.push({ setting: `${found.name}=${value}${where}${note}`, at: envValueAt(found), remedy: sw.remedy(kind) });
  }
  const cockroach = kind === 'CockroachDB' && repo !== undefined ? insecureCockroach(service) : undefined;
  if (cockroach) out.push({ setting: '--insecure', at: cockroach, remedy: 'start it with --certs-dir (certificates from `cockroach cert`) and give its SQL users passwords' });
  return out;
}

/**
 * `cockroach start --insecure`: no TLS and no password checks, for every user including root.
 * Only the server commands (the image's entrypoint passes them to cockroach); `init --insecure`
 * is a client talking to such a server.
 */
function insecureCockroach(service: Service): LNode | undefined {
  if (entry(service.node, 'entrypoint')) return undefined;
  const command = get(service.node, 'command');
  const items = scalarItems(command);
  // A string is split into words as Compose does; each list item is one word.
  const words = isScalar(command) ? (str(command) ?? '').trim().split(/\s+/) : items.map((n) => str(n) ?? '');
  if (words[0] !== 'start' && words[0] !== 'start-single-node') return undefined;
  const index = words.findIndex((w) => w === '--insecure' || w === '--insecure=true');
  if (index === -1) return undefined;
  return isScalar(command) ? command : items[index];
}

/** Bind addresses of redis (`-::1`: optional) or mongod that are all loopback, as Docker's port scopes read addresses. */
const loopbackOnly = (list: string[]): boolean => list.length > 0 && list.every((a) => a === 'localhost' || bindScope(a.replace(/^-/, '')) === 'loopback');

/** The values of `--flag v1 v2` or `--flag=v1,v2` in a command line. */
function flagValues(words: string[], flag: string): string[] | undefined {
  const i = words.findIndex((w) => w === flag || w.startsWith(`${flag}=`));
  if (i === -1) return undefined;
  if (words[i] !== flag) return words[i]!.slice(flag.length + 1).split(',');
  const end = words.findIndex((w, j) => j > i && w.startsWith('-'));
  return words.slice(i + 1, end === -1 ? undefined : end);
}

/**
 * Official images that accept every client when nothing sets a password: redis and valkey (built
 * with protected mode off) without requirepass or ACL users, mongo without a root user or --auth.
 * Anything that leaves doubt (an entrypoint override, a config file not read here, an env file
 * not read) is not reported.
 */
export function openByDefault(service: Service, kind: string, repo: string | undefined, project: Project, files: SideFiles): AuthOff[] {
  const image = service.image;
  if (!image || entry(service.node, 'entrypoint')) return [];
  const command = get(service.node, 'command');
  // A command with a value not known here (an unset variable) may set the password.
  if (scalarItems(command).some((item) => str(item) === undefined)) return [];
  const words = commandWords(command).map((w) => w.word);
  const first = words[0] ?? '-';
  if ((kind === 'Redis' && repo === 'redis') || (kind === 'Valkey' && repo === 'valkey/valkey')) {
    // The entrypoint runs redis-server for no command, a flag or a config file; anything else is a client or a script.
    if (!(first.startsWith('-') || first.endsWith('.conf') || words.some((w) => /(^|\/)(redis|valkey)-server$/.test(w)))) return [];
    if (!redisOpen(words, service, project, files)) return [];
    const conf = words.find((w) => !w.startsWith('-') && w.endsWith('.conf'));
    return [{
      setting: `no requirepass in its command${conf ? ` or in ${conf}` : ''}; the ${repo} image starts without a password`,
      at: image, exposedOnly: true,
      remedy: 'add --requirepass ${REDIS_PASSWORD} to its command with the password in an untracked .env (or requirepass or ACL users in a mounted config file), or publish the port on 127.0.0.1 only',
    }];
  }
  if (kind === 'Elasticsearch' && (repo === 'elasticsearch' || repo === 'elasticsearch/elasticsearch')) return oldElasticsearch(service, image, words, project, files);
  if (kind === 'MongoDB' && repo === 'mongo') {
    if (!(first.startsWith('-') || words.some((w) => /(^|\/)mongod$/.test(w)))) return [];
    const env = effectiveEnvironment(service);
    // The entrypoint creates a root user and adds --auth when MONGO_INITDB_ROOT_USERNAME and _PASSWORD are set.
    if (!service.environmentComplete || anySet(env, ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_USERNAME_FILE'])) return [];
    // --keyFile implies --auth; a config file may turn authorization on.
    if (words.some((w) => /^--(auth|keyFile|config|clusterAuthMode)\b|^-f$/.test(w))) return [];
    const bind = flagValues(words, '--bind_ip');
    if (bind && loopbackOnly(bind)) return [];
    return [{
      setting: 'neither MONGO_INITDB_ROOT_USERNAME nor --auth; the mongo image starts without access control',
      at: image, exposedOnly: true,
      remedy: `${fromSecret('MONGO_INITDB_ROOT_PASSWORD')}, with MONGO_INITDB_ROOT_USERNAME (the image then starts mongod with --auth), or publish the port on 127.0.0.1 only`,
    }];
  }
  return [];
}

/** Whether redis-server started with these words (and the config file they name, read when mounted) asks no client for a password. */
function redisOpen(words: string[], service: Service, project: Project, files: SideFiles): boolean {
  const lines: string[][] = [];
  for (const path of words.filter((w) => !w.startsWith('-') && w.endsWith('.conf'))) {
    // A relative path is read from the working directory; a file not mounted from the project is not known.
    const file = path.startsWith('/') ? fileAt(service, project, files, path) : undefined;
    if (!file || file === 'unknown' || file.text === undefined) return false;
    for (const raw of file.text.split('\n')) {
      const line = raw.trim().split(/\s+/);
      if (line[0] && !line[0].startsWith('#')) lines.push(line);
    }
  }
  // Command-line options (`--name value...`) come after the file and override it: the last one of a name wins.
  let option: string[] | undefined;
  for (const w of words) {
    if (!w.startsWith('--')) {
      option?.push(w);
      continue;
    }
    const [name, value] = w.slice(2).split(/=(.*)/s);
    lines.push(option = value === undefined ? [name!] : [name!, value]);
  }
  const last = (name: string) => lines.filter((l) => l[0]!.toLowerCase() === name).at(-1)?.slice(1);
  if (['requirepass', 'aclfile', 'user', 'include'].some((name) => last(name) !== undefined)) return false;
  // Protected mode refuses other hosts when no password is set; a loopback bind takes no other host.
  if (last('protected-mode')?.[0]?.toLowerCase() === 'yes') return false;
  const bind = last('bind');
  return !(bind && loopbackOnly(bind));
}

/**
 * Elasticsearch 6.3 to 7.x (the default distribution, basic licence) starts with security off
 * unless xpack.security.enabled=true; 8.0 turned it on. `latest`, variable and other tags are not read.
 */
function oldElasticsearch(service: Service, image: NonNullable<Service['image']>, words: string[], project: Project, files: SideFiles): AuthOff[] {
  const tag = image.unknown ? undefined : parseImageRef(str(image) ?? '').tag;
  const version = /^(\d+)\.(\d+)(\.\d+)?([-.]|$)/.exec(tag ?? '');
  if (!version || !(version[1] === '7' || (version[1] === '6' && Number(version[2]) >= 3))) return [];
  const env = effectiveEnvironment(service);
  // Set to anything (false is reported as a switch), or possibly set by an env file not read: not a default.
  if (!service.environmentComplete || ['xpack.security.enabled', 'ES_SETTING_XPACK_SECURITY_ENABLED'].some((name) => env.has(name))) return [];
  if (words.some((w) => w.startsWith('-Expack.security.enabled'))) return [];
  // A mounted elasticsearch.yml may turn it on; one read here that never names xpack does not.
  const config = fileAt(service, project, files, '/usr/share/elasticsearch/config/elasticsearch.yml');
  if (config && (config === 'unknown' || config.text === undefined || config.text.includes('xpack'))) return [];
  return [{
    setting: `no xpack.security.enabled=true; Elasticsearch ${tag} starts with security off before 8.0`,
    at: image,
    remedy: `set xpack.security.enabled=true and ${fromSecret('ELASTIC_PASSWORD')}, or move to 8.x, where security is on by default`,
  }];
}
