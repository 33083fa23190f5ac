/**
 * A Docker engine that listens on TCP without TLS client authentication. Two ways a compose file
 * starts one: the official docker:dind entrypoint with DOCKER_TLS_CERTDIR set empty, which adds
 * `--host=tcp://0.0.0.0:2375` and no `--tlsverify` (docker-library/docker dockerd-entrypoint.sh),
 * and a `dockerd` command line with a tcp `-H`/`--host` and no `--tlsverify`.
 */
import { get, str, type LNode } from '../model/node.js';
import type { Service } from '../model/project.js';
import { knownRepository } from '../graph/datastore.js';
import { parseImageRef } from './image.js';
import type { Loc } from '../types.js';
import { commandWords, effectiveEnvironment, envValueAt } from './values.js';

export interface OpenEngine {
  /** `dindLegacy`: a Docker-in-Docker image before 19.03, whose entrypoint always listens on 2375 without TLS. */
  kind: 'dind' | 'dindLegacy' | 'dockerd';
  /** For dindLegacy: the image's version, as its tag gives it. */
  version?: string;
  /** The tcp address it listens on, as written (`tcp://0.0.0.0:2375`). */
  address: string;
  port: number;
  /** The setting that opens it: the DOCKER_TLS_CERTDIR value, or the command word with the address. */
  at: LNode | Loc;
  /** For DOCKER_TLS_CERTDIR from an env file: that file. */
  fromFile?: string;
}

/**
 * The tag of the official Docker-in-Docker image (`docker:dind`, `docker:27-dind-rootless`,
 * `docker.io/library/docker:dind`), undefined for any other image.
 */
function dindTag(service: Service): string | undefined {
  const image = service.image;
  if (!image || knownRepository(image) !== 'docker') return undefined;
  const tag = parseImageRef(image.masked ?? str(image) ?? '').tag;
  return tag !== undefined && /(^|-)dind(-|$)/.test(tag) ? tag : undefined;
}

/** The version of a dind tag before 19.03 (`18.09-dind`, `17.06.0-ce-dind`), when TLS was not the entrypoint's default. */
function legacyVersion(tag: string): string | undefined {
  const m = /^(\d+)(?:\.\d+)*/.exec(tag);
  return m && Number(m[1]) < 19 ? m[0] : undefined;
}

export function openEngines(service: Service): OpenEngine[] {
  const env = effectiveEnvironment(service);
  // dockerd reads DOCKER_TLS_VERIFY as the default of --tlsverify; a value we cannot see may set it.
  const verify = env.get('DOCKER_TLS_VERIFY');
  if (verify && (verify.unknown || (verify.value ?? '') !== '')) return [];
  const entrypoint = get(service.node, 'entrypoint');
  const command = commandWords(get(service.node, 'command'));
  const out: OpenEngine[] = [];
  // The image's entrypoint adds the tcp listener when the command is empty or only dockerd flags.
  const tag = dindTag(service);
  if (tag !== undefined && entrypoint === undefined && (command.length === 0 || command[0]!.word.startsWith('-'))) {
    const certDir = env.get('DOCKER_TLS_CERTDIR');
    const flags = command.map((c) => c.word);
    const legacy = legacyVersion(tag);
    // Before 19.03 the entrypoint knew no DOCKER_TLS_CERTDIR: 2375 without TLS, whatever the environment.
    if (legacy !== undefined && !flags.some(verifies)) out.push({ kind: 'dindLegacy', version: legacy, address: 'tcp://0.0.0.0:2375', port: 2375, at: service.image! });
    else if (certDir && !certDir.unknown && certDir.value === '' && !flags.some(verifies) && (!certDir.fromFile || service.environmentComplete)) {
      const engine: OpenEngine = { kind: 'dind', address: 'tcp://0.0.0.0:2375', port: 2375, at: envValueAt(certDir) };
      if (certDir.fromFile) engine.fromFile = certDir.fromFile;
      out.push(engine);
    }
  }
  const line = [...commandWords(entrypoint), ...command];
  const start = line.findIndex((w) => /(^|\/)dockerd$/.test(w.word));
  if (start !== -1) {
    const rest = line.slice(start + 1);
    // A config file can turn tlsverify on: what it says is not known here.
    if (rest.some((w) => verifies(w.word) || /^--config-file(=|$)/.test(w.word))) return out;
    for (let i = 0; i < rest.length; i++) {
      const { word, at } = rest[i]!;
      const inline = /^(?:-H=?|--host=)(.+)$/.exec(word);
      const address = inline ? inline[1]! : word === '-H' || word === '--host' ? rest[i + 1]?.word : undefined;
      const listen = address && tcpAddress(address);
      if (listen) out.push({ kind: 'dockerd', address, port: listen.port, at: inline ? at : rest[i + 1]!.at });
    }
  }
  return out;
}

function verifies(word: string): boolean {
  return word === '--tlsverify' || word === '--tlsverify=true';
}

/** A tcp listen address beyond the container's loopback, with its port (2375 when none is given). */
function tcpAddress(address: string): { port: number } | undefined {
  const m = /^tcp:\/\/(\[[^\]]*\]|[^:/]*)(?::(\d+))?\/?$/i.exec(address.replace(/^["']|["']$/g, ''));
  if (!m) return undefined;
  const host = m[1]!.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || host.startsWith('127.')) return undefined;
  return { port: m[2] ? Number(m[2]) : 2375 };
}
