/**
 * A Docker registry (CNCF distribution: `registry`, `distribution/distribution`) with no
 * authentication configured: its default configuration has none, so whoever reaches it pushes and
 * pulls any image. Unlike the other interfaces this is an image default, not an explicit opt-out:
 * reported only when the registry is reached from outside the host (OpenInterface.publishedOnly).
 */
import { isMap, parseDocument } from 'yaml';
import type { SideFiles } from '../graph/side-files.js';
import { entry, type LNode } from '../model/node.js';
import { bindScope, portNumber, splitHostPort } from '../model/ports.js';
import type { EnvVar, Project, Service } from '../model/project.js';
import type { OpenInterface } from './admin-auth.js';
import { fileAt, parsed } from './admin-config.js';
import { knownValue, mayBeSet, type CommandWordAt } from './values.js';

const REPOSITORIES = new Set(['registry', 'distribution/distribution']);
/** Where the images read their configuration: registry 2 (the image's command), distribution 3. */
const CONFIG_PATHS = ['/etc/docker/registry/config.yml', '/etc/distribution/config.yml'];

export function registryOpen(service: Service, project: Project, files: SideFiles, env: Map<string, EnvVar>, command: CommandWordAt[], repo: string | undefined): OpenInterface[] {
  if (repo === undefined || !REPOSITORIES.has(repo) || entry(service.node, 'entrypoint') !== undefined || !service.environmentComplete) return [];
  // Any REGISTRY_AUTH* variable sets up the auth section; a pull-through cache (proxy) takes no pushes.
  for (const [name, v] of env) {
    if ((name === 'REGISTRY_AUTH' || name.startsWith('REGISTRY_AUTH_') || name === 'REGISTRY_PROXY_REMOTEURL') && mayBeSet(v)) return [];
  }
  // The entrypoint serves the config file its command names (`serve <file>`, or the file alone), else the image's default.
  const named = command.filter((w) => /\.ya?ml$/.test(w.word)).pop();
  if (command.length > 0 && !named && !command.every((w) => w.word === 'serve')) return [];
  let setting = 'no auth section in the image\'s default configuration, and no REGISTRY_AUTH variable';
  let at: LNode = service.image!;
  let addr: string | undefined;
  for (const path of named ? [named.word] : CONFIG_PATHS) {
    const file = fileAt(service, project, files, path);
    // A file the command names must be mounted: one that is not is not known here (nor to the registry).
    if (file === 'unknown' || (file && file.text === undefined) || (!file && named)) return [];
    if (!file) continue;
    const settings = parsed(files, file, 'registry-config', registrySettings);
    if (settings === undefined || settings.auth || settings.proxy) return [];
    setting = `no auth section in ${file.name}`;
    at = file.at;
    addr = settings.addr;
    break;
  }
  // Where it listens: REGISTRY_HTTP_ADDR over http.addr, `:5000` by default.
  const variable = env.get('REGISTRY_HTTP_ADDR');
  if (variable !== undefined) {
    if (!knownValue(variable)) return [];
    addr = variable.value;
  }
  const listen = listenAddress(addr ?? ':5000');
  // Loopback inside the container: nothing outside it reaches the registry.
  if (!listen || listen.loopback) return [];
  return [{
    product: 'Docker registry',
    setting,
    port: listen.port,
    at,
    can: 'push images (replacing those that hosts pull from it) and pull every image it stores',
    remedy: 'configure authentication (htpasswd or token: REGISTRY_AUTH=htpasswd with REGISTRY_AUTH_HTPASSWD_REALM and REGISTRY_AUTH_HTPASSWD_PATH, or an auth section in its config.yml) with TLS, or publish it on 127.0.0.1 only',
    publishedOnly: true,
  }];
}

/** Whether a registry config.yml has an auth or proxy section, and its http.addr; undefined when it is not a YAML mapping. */
function registrySettings(text: string): { auth: boolean; proxy: boolean; addr?: string } | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const present = (key: string) => doc.get(key) !== undefined && doc.get(key) !== null;
  const addr = doc.getIn(['http', 'addr']);
  return { auth: present('auth'), proxy: present('proxy'), ...(typeof addr === 'string' ? { addr } : {}) };
}

/** `host:port` as the registry reads http.addr (`:5000`, `0.0.0.0:443`, `[::1]:5000`); undefined for anything else (a unix socket). */
function listenAddress(addr: string): { port: number; loopback: boolean } | undefined {
  const address = splitHostPort(addr.trim());
  const port = address && portNumber(address.port);
  if (!address || port === undefined) return undefined;
  const host = address.host.toLowerCase();
  return { port, loopback: host === 'localhost' || bindScope(host) === 'loopback' };
}
