/**
 * Host names a service's mounted config files give where only a host can stand. A TCP/HTTP proxy
 * (haproxy.cfg, nginx.conf, envoy.yaml, pgbouncer.ini) names its upstreams there, not in its
 * environment. Read: regular files bind-mounted from under the project, and `configs:` given by
 * `file:` (also under the project) or `content:`. Used only to prove use, so generous within host positions.
 */
import { posix } from 'node:path';
import { get, isMap, isScalar, isSeq, str } from '../model/node.js';
import type { Project, Service } from '../model/project.js';
import { isHostLookupName, mentions } from './references.js';
import type { SideFiles } from './side-files.js';

const HOST = /^[a-z0-9_][a-z0-9_.-]*$/;
/** `address: db`, `"host": "db"`, `host=db` (YAML, JSON, INI, pgbouncer): the value of a host-like key. */
const KEY_VALUE = /(?<![\w.-])([a-z_][\w.-]*)["']?[ \t]*[:=][ \t]*(?=[[\s"']*([a-z0-9_][a-z0-9_.-]*))/g;
/** nginx `server db;` in an upstream, HAProxy `server pg1 db check`: its first two words (name or address), without a port. */
const SERVER = /(?:^|[{;])[ \t]*server[ \t]+([^\s;{]+)(?:[ \t]+([^\s;{]+))?/gm;
const NONE: ReadonlySet<string> = new Set();

/** Lower-cased host names in the service's mounted config files. */
export function configFileHosts(service: Service, project: Project, files: SideFiles): ReadonlySet<string> {
  const found: ReadonlySet<string>[] = [];
  const read = (path: string) => {
    if (isUnder(path, project.dir)) found.push(files.derive('config-hosts', path, (text) => (text === undefined ? NONE : hostsInConfig(text))));
  };
  for (const mount of service.mounts) if (mount.type === 'bind' && mount.hostPath) read(mount.hostPath);
  const configs = get(service.node, 'configs');
  for (const item of isSeq(configs) ? configs.items : []) {
    const name = isMap(item) ? str(get(item, 'source')) : str(item);
    const declared = name === undefined ? undefined : project.configs.get(name)?.node;
    const file = get(declared, 'file');
    const content = str(get(declared, 'content'));
    if (isScalar(file) && str(file) !== undefined) read(posix.resolve(file.baseDir ?? project.dir, str(file)!));
    else if (content !== undefined) found.push(hostsInConfig(content));
  }
  if (found.length <= 1) return found[0] ?? NONE;
  return new Set(found.flatMap((hosts) => [...hosts]));
}

/** Host names in a config text: URL hosts, `host:port`, `user@host`, host flags, host-like keys and `server` lines. */
export function hostsInConfig(text: string): Set<string> {
  // Comments (`#` at a line start or after a blank, `;` at a line start) hold prose, not hosts.
  const body = text.replace(/(^|[ \t])#.*$/gm, '$1').replace(/^[ \t]*;.*$/gm, '').toLowerCase();
  const out = new Set<string>();
  for (const m of mentions(body)) if (m.strong) out.add(m.host);
  for (const m of body.matchAll(KEY_VALUE)) if (isHostLookupName(m[1]!)) out.add(m[2]!);
  for (const m of body.matchAll(SERVER)) {
    for (const word of [m[1], m[2]]) {
      const host = word?.replace(/:\d+$/, '');
      if (host && HOST.test(host)) out.add(host);
    }
  }
  return out;
}

function isUnder(path: string, dir: string): boolean {
  return path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}
