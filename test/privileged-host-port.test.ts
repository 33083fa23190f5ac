/** no-privileged-host-port and reverse proxies: which images own the web ports, and what the others are told. */
import { describe, expect, it } from 'vitest';
import { isWebFrontRepository } from '../src/hardening/image.js';
import { lintText } from '../src/lint.js';

describe('reverse proxy and web server images', () => {
  it('are recognised by repository, not their exporters or apps named after them', () => {
    for (const repo of ['nginx', 'nginxinc/nginx-unprivileged', 'nginxproxy/nginx-proxy', 'jwilder/nginx-proxy', 'jc21/nginx-proxy-manager', 'bitnami/nginx', 'traefik', 'caddy', 'lucaslorentz/caddy-docker-proxy', 'haproxy', 'haproxytech/haproxy-alpine', 'envoyproxy/envoy', 'httpd', 'linuxserver/swag', 'openresty/openresty']) {
      expect(isWebFrontRepository(repo), repo).toBe(true);
    }
    for (const repo of ['nginx/nginx-prometheus-exporter', 'example/nginx-app', 'wordpress', 'php', 'traefik/whoami', 'nextcloud']) expect(isWebFrontRepository(repo), repo).toBe(false);
  });
});

describe('no-privileged-host-port', () => {
  it('tells a reverse proxy on another privileged port that only 80 and 443 are its role, not to sit behind a proxy', () => {
    const text = 'services:\n  traefik:\n    image: traefik:v3.1\n    ports: ["80:80", "22:22"]\n';
    const messages = lintText(text, 'compose.yaml', { preset: 'strict' }).findings.filter((f) => f.ruleId === 'no-privileged-host-port').map((f) => f.message);
    expect(messages).toEqual(['reverse proxy "traefik" publishes host port 22, below 1024; only 80 and 443 are a proxy\'s role: make sure nothing on the host expects to own 22, or publish it from 1024 up']);
  });
});
