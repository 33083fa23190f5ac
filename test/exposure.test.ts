/** Exposure wording shared by no-unauthenticated-admin-interface and no-unauthenticated-engine-api (src/hardening/exposure.ts). */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';

const message = (text: string, rule: string): string | undefined => lintText(text, 'compose.yaml').findings.find((f) => f.ruleId === rule)?.message;
const ADMIN = 'no-unauthenticated-admin-interface';
const ENGINE = 'no-unauthenticated-engine-api';
const traefik = (extra: string) => `services:\n  proxy:\n    image: traefik:v3.1\n    command: ["--api.insecure=true"]\n${extra}`;

describe('exposure wording', () => {
  it('names the port published by the service whose network stack it shares', () => {
    const text = `services:\n  vpn:\n    image: example/vpn:1.0\n    ports: ["8080:8080"]\n  proxy:\n    image: traefik:v3.1\n    command: ["--api.insecure=true"]\n    network_mode: service:vpn\n`;
    expect(message(text, ADMIN)).toContain(', published through "vpn" (whose network stack it shares) on all host interfaces ("8080:8080")');
  });

  it('says whose networks reach a service on a shared stack that publishes nothing for it', () => {
    const text = `services:\n  vpn:\n    image: example/vpn:1.0\n    ports: ["9000:9000"]\n  proxy:\n    image: traefik:v3.1\n    command: ["--api.insecure=true"]\n    network_mode: service:vpn\n`;
    expect(message(text, ADMIN)).toContain('open to every container on the networks of "vpn" (whose network stack it shares)');
  });

  it('does not call a port published when Docker publishes none (internal networks only)', () => {
    const text = traefik('    ports: ["8080:8080"]\n    networks: [back]\nnetworks:\n  back:\n    internal: true\n');
    expect(message(text, ADMIN)).toContain('open to every container on its networks');
  });

  it('leaves out who reaches a service without a network', () => {
    const text = `services:\n  dind:\n    image: docker:27-dind\n    environment:\n      DOCKER_TLS_CERTDIR: ""\n    network_mode: none\n`;
    const found = message(text, ENGINE);
    expect(found).toBeDefined();
    expect(found).not.toMatch(/open to|published/);
  });

  it('keeps the host network and a service own published port as before', () => {
    expect(message(traefik('    network_mode: host\n'), ADMIN)).toContain(", on the host's network stack");
    expect(message(traefik('    ports: ["127.0.0.1:8080:8080", "0.0.0.0:8080:8080"]\n'), ADMIN)).toContain('published on all host interfaces ("0.0.0.0:8080:8080")');
  });
});
