/**
 * Admin and notebook interfaces started with their authentication switched off, each as its
 * image reads the setting (Traefik and Grafana also from their mounted config files). Only explicit
 * opt-outs: an interface whose default is open (the linuxserver code-server image without PASSWORD) is not one.
 */
import { knownRepository } from '../graph/datastore.js';
import type { SideFiles } from '../graph/side-files.js';
import { entry, get, type LNode } from '../model/node.js';
import type { Project, Service } from '../model/project.js';
import type { Loc, Severity } from '../types.js';
import { debuggersOpen } from './admin-debuggers.js';
import { dbToolsOpen } from './admin-db-tools.js';
import { grafanaOpen } from './admin-grafana.js';
import { prometheusOpen } from './admin-prometheus.js';
import { registryOpen } from './admin-registry.js';
import { vaultDevOpen } from './admin-vault.js';
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
  /** An error only when reached from outside the host, a warning otherwise. */
  errorWhenPublished?: boolean;
  /** An image default, not an opt-out: reported only when reached from outside the host. */
  publishedOnly?: true;
}

export function openInterfaces(service: Service, project: Project, files: SideFiles): OpenInterface[] {
  const repo = knownRepository(service.image);
  const env = effectiveEnvironment(service);
  const entrypoint = commandWords(get(service.node, 'entrypoint'));
  const command = commandWords(get(service.node, 'command'));
  const line = [...entrypoint, ...command];
  const out: OpenInterface[] = [];

  // Traefik (its static configuration: a mounted file, else flags, else variables) and Grafana (its ini file under GF_ variables).
  if (repo === 'traefik' || repo?.endsWith('/traefik')) out.push(...traefikOpen(service, project, files, env, line));
  out.push(...grafanaOpen(service, project, files, env, repo));
  out.push(...dbToolsOpen(env, repo));
  out.push(...prometheusOpen(line, repo));
  out.push(...vaultDevOpen(env, command, entry(service.node, 'entrypoint') !== undefined, repo));
  out.push(...debuggersOpen(env, line));
  out.push(...registryOpen(service, project, files, env, command, repo));

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
