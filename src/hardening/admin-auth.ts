/**
 * Admin and notebook interfaces started with their authentication switched off, each as its
 * image reads the setting (Traefik also from its mounted config file). Only explicit opt-outs: an
 * interface whose default is open (the linuxserver code-server image without PASSWORD) is not one.
 */
import { knownRepository } from '../graph/datastore.js';
import type { SideFiles } from '../graph/side-files.js';
import { get, type LNode } from '../model/node.js';
import type { EnvVar, Project, Service } from '../model/project.js';
import type { Loc, Severity } from '../types.js';
import { traefikOpen } from './admin-traefik.js';
import { commandWords, effectiveEnvironment } from './values.js';

export interface OpenInterface {
  /** The product, as messages name it. */
  product: string;
  /** The setting as messages name it. */
  setting: string;
  /** What an anonymous visitor can do. */
  can: string;
  remedy: string;
  /** The port the interface listens on in the container, for the exposure in messages. */
  port: number;
  at: LNode | Loc;
  severity?: Severity;
}

/** A variable whose value is known and, lower-cased, one of `values`. */
function envIs(env: Map<string, EnvVar>, name: string, values: string[]): EnvVar | undefined {
  const v = env.get(name);
  return v && !v.unknown && typeof v.value === 'string' && values.includes(v.value.trim().toLowerCase()) ? v : undefined;
}

export function openInterfaces(service: Service, project: Project, files: SideFiles): OpenInterface[] {
  const repo = knownRepository(service.image);
  const env = effectiveEnvironment(service);
  const entrypoint = commandWords(get(service.node, 'entrypoint'));
  const command = commandWords(get(service.node, 'command'));
  const line = [...entrypoint, ...command];
  const out: OpenInterface[] = [];

  // Traefik: its static configuration from one source, a mounted config file, else flags, else variables.
  if (repo === 'traefik' || repo?.endsWith('/traefik')) out.push(...traefikOpen(service, project, files, env, line));

  // Grafana: anonymous visitors get GF_AUTH_ANONYMOUS_ORG_ROLE in the organisation; Viewer is the usual public dashboard.
  if (repo !== undefined && /^(grafana\/grafana(-oss|-enterprise)?|bitnami(legacy)?\/grafana)$/.test(repo) && envIs(env, 'GF_AUTH_ANONYMOUS_ENABLED', ['true'])) {
    const role = envIs(env, 'GF_AUTH_ANONYMOUS_ORG_ROLE', ['admin', 'editor']);
    if (role) {
      const admin = role.value!.trim().toLowerCase() === 'admin';
      out.push({
        product: 'Grafana', setting: `GF_AUTH_ANONYMOUS_ENABLED=true with GF_AUTH_ANONYMOUS_ORG_ROLE=${role.value!.trim()}`, port: 3000, at: role.valueNode ?? role.node,
        ...(admin ? {} : { severity: 'warning' as const }),
        can: admin ? 'manage its data sources, users and plugins, and query every data source with their stored credentials' : 'query every data source with their stored credentials and change any dashboard',
        remedy: 'set GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer (or turn anonymous access off) and sign users in',
      });
    }
  }

  // Jupyter: an empty token with no password lets anyone run code (`--ServerApp.token=''`, the older NotebookApp, IdentityProvider).
  const token = line.find((w) => /^--(ServerApp|NotebookApp|IdentityProvider)\.token=(''|"")?$/.test(w.word));
  const password = line.some((w) => /^--(ServerApp|NotebookApp|PasswordIdentityProvider)\.(hashed_)?password=(?!(''|"")?$)/.test(w.word));
  if (token && !password) {
    out.push({
      product: 'Jupyter', setting: `${token.word.replace(/=(''|"")?$/, '')}=''`, port: 8888, at: token.at,
      can: 'run any code in the container, as its user',
      remedy: 'remove it: Jupyter then makes a token at start (or set one with JUPYTER_TOKEN from an untracked .env)',
    });
  }

  // code-server: --auth none serves the editor and its terminal to anyone.
  if (repo?.endsWith('code-server') || line.some((w) => /(^|\/)code-server$/.test(w.word))) {
    const auth = line.findIndex((w, i) => w.word === '--auth=none' || (w.word === '--auth' && line[i + 1]?.word === 'none'));
    if (auth !== -1) {
      const word = line[auth]!;
      out.push({
        product: 'code-server', setting: word.word === '--auth' ? '--auth none' : word.word, port: 8080, at: word.word === '--auth' ? line[auth + 1]!.at : word.at,
        can: 'edit any file and run commands in its terminal',
        remedy: 'use --auth password with PASSWORD or HASHED_PASSWORD from an untracked .env',
      });
    }
  }
  return out;
}
