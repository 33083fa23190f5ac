/** Image references: `[registry[:port]/]name[:tag][@digest]`. */
import { str, type LScalar } from '../model/node.js';
export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(text: string): ImageRef {
  let rest = text.trim();
  const ref: ImageRef = { name: rest };
  const at = rest.indexOf('@');
  if (at !== -1) {
    ref.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // A colon after the last slash is a tag; before it, a registry port.
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    ref.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  ref.name = rest;
  return ref;
}

/** A digest Docker accepts: `sha256:` and 64 hex digits (or sha384/sha512 at their lengths). `@sha256:abc` pins nothing. */
export function isDigest(digest: string | undefined): boolean {
  return digest !== undefined && /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/.test(digest);
}

/** The reference without its digest, the tag written out only when there is one (`nginx:` is `nginx`). */
export function withoutDigest(ref: ImageRef): string {
  return ref.tag ? `${ref.name}:${ref.tag}` : ref.name;
}

/** `name:tag`, with Docker's default tag: `myapp` and `myapp:latest` are one image. */
function imageKey(ref: ImageRef): string {
  return `${ref.name}:${ref.tag || 'latest'}`;
}

/**
 * The images the project builds itself (`build:` beside `image:`), by `name:tag`. Another service
 * using one runs what Compose built here: no registry version to pin.
 */
export function builtImages(services: { build?: unknown; image?: LScalar }[]): Set<string> {
  const built = new Set<string>();
  for (const service of services) {
    const image = str(service.image);
    if (service.build !== undefined && image !== undefined) built.add(imageKey(parseImageRef(image)));
  }
  return built;
}

export function isBuiltImage(ref: ImageRef, built: Set<string>): boolean {
  return ref.digest === undefined && built.has(imageKey(ref));
}

/**
 * Reverse proxies and web servers whose job is to own the host's HTTP(S) ports: nginx (and its
 * unprivileged, proxy and proxy-manager builds), OpenResty, Traefik, Caddy, HAProxy, Envoy, Apache
 * httpd, Varnish and linuxserver's SWAG. `repo` is the repository path without registry or tag.
 */
const WEB_FRONT_IMAGES = /(^|\/)(nginx(-unprivileged|-proxy(-manager)?)?|openresty|traefik|caddy(-docker-proxy)?|haproxy(-alpine|-debian)?|envoy(-alpine|-distroless)?|httpd|apache|varnish|swag|letsencrypt)$/;

export function isWebFrontRepository(repo: string): boolean {
  return WEB_FRONT_IMAGES.test(repo);
}

/**
 * Docker socket proxies, whose job is to hold the engine socket and forward only the API calls
 * their clients are allowed: tecnativa/docker-socket-proxy, linuxserver/socket-proxy,
 * wollomatic/socket-proxy and their kin (any `*socket-proxy` repository). `repo` as above.
 */
const SOCKET_PROXY_IMAGES = /(^|\/)[\w.-]*socket-?proxy$/;

export function isSocketProxyRepository(repo: string): boolean {
  return SOCKET_PROXY_IMAGES.test(repo);
}
