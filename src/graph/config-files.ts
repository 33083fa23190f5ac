/**
 * Host names a service's mounted config files give where only a host can stand. A TCP/HTTP proxy
 * (haproxy.cfg, nginx.conf, envoy.yaml, pgbouncer.ini) names its upstreams there, not in its
 * environment. Read: regular files bind-mounted from under the project, the config files of a
 * directory bind-mounted where programs keep their configuration (`./nginx/conf.d:/etc/nginx/conf.d`),
 * and `configs:` given by `file:` (also under the project) or `content:`. Used only to prove use,
 * so generous within host positions.
 */
import { posix } from 'node:path';
import { get, isMap, isScalar, isSeq, str, type LNode } from '../model/node.js';
import type { Project, Service } from '../model/project.js';
import { isHostLookupName, mentions } from './references.js';
import type { SideFiles } from './side-files.js';
import { within } from '../hardening/paths.js';
import { asciiLower } from '../ascii.js';

const HOST = /^[a-z0-9_][a-z0-9_.-]*$/;
/** `address: db`, `"host": "db"`, `host=db` (YAML, JSON, INI, pgbouncer): the value of a host-like key; not a URL's scheme (`url: mailto:...`). */
const KEY_VALUE = /(?<![\w.-])([a-z_][\w.-]*)["']?[ \t]*[:=][ \t]*(?=[[\s"']*([a-z0-9_][a-z0-9_.-]*)(:(?!\d))?)/g;
/** nginx `server db;` in an upstream, HAProxy `server pg1 db check`: its first two words (name or address), without a port. */
const SERVER = /(?:^|[{;])[ \t]*server[ \t]+([^\s;{]+)(?:[ \t]+([^\s;{]+))?/gm;
const NONE: ReadonlyMap<string, HostLine> = new Map();
/** Extensions of config formats. The patterns below are matched on lower-cased text (asciiLower): any case. */
const CONFIG_FORMATS = 'conf|cfg|cnf|ini|ya?ml|json|toml|xml|properties';
/**
 * Where programs keep their configuration in a container: a directory bind-mounted there is read as
 * config files. Not a top-level `/config` (linuxserver images keep their state there).
 */
const CONFIG_TARGET = /^\/(?:etc|usr\/local\/etc)(?:\/|$)|[^/]\/(?:conf|config|configs|conf\.d|templates|sites-enabled|http\.d|dynamic)\/?$/;
/** The files of a config directory worth reading: config formats and Caddyfile, not keys, certificates, READMEs or hidden files. */
const CONFIG_NAME = new RegExp(`^caddyfile$|^[^.][^/]*\\.(?:${CONFIG_FORMATS}|template|lua|caddy)$`);
/** Where a missing config leaves a doubt: under /etc or /usr/local/etc, or a file in a config format anywhere. */
const DOUBT_TARGET = new RegExp(`^/(?:etc|usr/local/etc)/|\\.(?:${CONFIG_FORMATS})$`);
/** Certificates, keys, secrets and state (acme.json, GeoIP databases): missing from a checkout on purpose, and naming no host. */
const NOT_CONFIG = /(?:^|\/)(?:certs?|ssl|tls|keys?|secrets?|private|letsencrypt|acme|geoip)(?:\/|$)|(?:^|\/)acme\.json$|\.(?:pem|crt|cer|key|p12|pfx|jks|keystore|mmdb|db|sqlite)$/;

/** A host a service's mounted config file names, and where. */
export interface ConfigFileReference {
  host: string;
  /** The file as a message names it: `config file nginx.conf` (relative to the project directory), or `config "name"` for `content:`. */
  file: string;
  /** The first line (1-based) of the file that names the host (in a host-only position, if any). */
  line: number;
  /** See HostLine.strict: only a strict reference can prove a broken lookup. */
  strict: boolean;
  /** Where the compose file brings the config in: the bind mount, or the service's `configs:` entry. */
  at: LNode;
}

/** Lower-cased host names in the service's mounted config files. */
export function configFileHosts(service: Service, project: Project, files: SideFiles): ReadonlySet<string> {
  const refs = configFileReferences(service, project, files);
  return refs.length === 0 ? new Set() : new Set(refs.map((r) => r.host));
}

/** Each host named in the service's mounted config files, once per file, with the line that first names it. */
export function configFileReferences(service: Service, project: Project, files: SideFiles): ConfigFileReference[] {
  const out: ConfigFileReference[] = [];
  const add = (lines: ReadonlyMap<string, HostLine>, file: string, at: LNode) => {
    for (const [host, { line, strict }] of lines) out.push({ host, file, line, strict, at });
  };
  const hostLines = (path: string) => files.derive('config-hosts', path, (text) => (text === undefined ? undefined : hostLinesInConfig(text)));
  const read = (path: string, at: LNode) => {
    if (within(path, project.dir)) add(hostLines(path) ?? NONE, `config file ${posix.relative(project.dir, path)}`, at);
  };
  for (const mount of service.mounts) {
    if (mount.type !== 'bind' || !mount.hostPath || !within(mount.hostPath, project.dir)) continue;
    const lines = hostLines(mount.hostPath);
    if (lines) add(lines, `config file ${posix.relative(project.dir, mount.hostPath)}`, mount.node);
    else if (mount.target !== undefined && CONFIG_TARGET.test(asciiLower(mount.target))) {
      // A config directory (nginx's conf.d, /usr/local/etc/haproxy): its config files, to prove use
      // only, as the program may not read them all (a disabled site, another environment's file).
      for (const name of files.list(mount.hostPath) ?? []) {
        if (!CONFIG_NAME.test(asciiLower(name))) continue;
        const path = posix.join(mount.hostPath, name);
        const inside = hostLines(path);
        if (inside) add(new Map([...inside].map(([host, { line }]) => [host, { line, strict: false }])), `config file ${posix.relative(project.dir, path)}`, mount.node);
      }
    }
  }
  for (const config of serviceConfigs(service, project)) {
    if (config.hostPath !== undefined) read(config.hostPath, config.item);
    else if (config.content !== undefined) add(hostLinesInConfig(config.content), `config "${config.name}"`, config.item);
  }
  return out;
}

/**
 * The first config file or directory bind-mounted from under the project that is not in this
 * checkout (generated at deploy time, or not committed), as messages name it: what it says about
 * upstream hosts is unknown.
 */
export function unreadConfig(service: Service, project: Project, files: SideFiles): string | undefined {
  for (const mount of service.mounts) {
    if (mount.type !== 'bind' || !mount.hostPath || mount.target === undefined || !within(mount.hostPath, project.dir)) continue;
    const target = asciiLower(mount.target);
    if (!DOUBT_TARGET.test(target) || NOT_CONFIG.test(target)) continue;
    // Missing, not merely unread: a file that is there but binary or too big is no config of hosts.
    if (!files.exists(mount.hostPath)) return `mounted config ${posix.relative(project.dir, mount.hostPath) || '.'}`;
  }
  return undefined;
}

/** A `configs:` entry of a service, with what it puts in the container: a host file (`file:`) or a text (`content:`). */
export interface ServiceConfig {
  /** The service's entry, where findings about it go. */
  item: LNode;
  name: string;
  /** The path in the container as written; Compose's `/<name>` when the entry gives none. */
  target: string | undefined;
  hostPath?: string;
  content?: string;
}

export function serviceConfigs(service: Service, project: Project): ServiceConfig[] {
  const out: ServiceConfig[] = [];
  const configs = get(service.node, 'configs');
  for (const item of isSeq(configs) ? configs.items : []) {
    const name = isMap(item) ? str(get(item, 'source')) : str(item);
    if (name === undefined) continue;
    const target = isMap(item) && get(item, 'target') !== undefined ? str(get(item, 'target')) : `/${name}`;
    const declared = project.configs.get(name)?.node;
    const file = get(declared, 'file');
    const content = str(get(declared, 'content'));
    const config: ServiceConfig = { item, name, target };
    if (isScalar(file) && str(file) !== undefined) config.hostPath = posix.resolve(file.baseDir ?? project.dir, str(file)!);
    else if (content !== undefined) config.content = content;
    out.push(config);
  }
  return out;
}

/** Host names in a config text: URL hosts, `host:port`, `user@host`, host flags, host-like keys and `server` lines. */
export function hostsInConfig(text: string): Set<string> {
  return new Set(hostLinesInConfig(text).keys());
}

/** Where a config text names a host: the first line (1-based), and whether it was ever in a position only a host can take. */
export interface HostLine {
  line: number;
  /**
   * False for words only near a host: HAProxy's server label (`server pg1 db:5432`) and nginx's
   * server parameters (`server cache:6379 backup;`). Good enough to prove use, not a broken lookup.
   */
  strict: boolean;
}

/** hostsInConfig, each host with where it is named. Every pattern reads within one line. */
export function hostLinesInConfig(text: string): Map<string, HostLine> {
  const out = new Map<string, HostLine>();
  const lines = text.toLowerCase().split('\n');
  for (let i = 0; i < lines.length; i++) {
    // Comments (`#` at a line start or after a blank, `;` at a line start) hold prose, not hosts.
    const line = lines[i]!.replace(/(^|[ \t])#.*$/, '$1').replace(/^[ \t]*;.*$/, '');
    if (line.trim() === '') continue;
    const found = (host: string, strict: boolean) => {
      const known = out.get(host);
      if (!known) out.set(host, { line: i + 1, strict });
      else if (strict && !known.strict) out.set(host, { line: i + 1, strict });
    };
    // An `@` with no user before it names something else (nginx's `location @backend`).
    for (const m of mentions(line.replace(/(^|[^\w.%+-])@/g, '$1 '))) if (m.strong) found(m.host, true);
    for (const m of line.matchAll(KEY_VALUE)) if (isHostLookupName(m[1]!) && m[3] === undefined) found(m[2]!, true);
    for (const m of line.matchAll(SERVER)) {
      // nginx ends the directive with `;` and puts the address first; HAProxy puts a label first.
      const nginx = line.slice(m.index! + m[0].length).includes(';');
      [m[1], m[2]].forEach((word, n) => {
        const host = word?.replace(/:\d+$/, '');
        if (host && HOST.test(host)) found(host, nginx ? n === 0 : n === 1);
      });
    }
  }
  return out;
}
