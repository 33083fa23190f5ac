/** no-unauthenticated-admin-interface beyond its fixtures: severities, exposure in messages, values as Compose resolves them. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';

const RULE = 'no-unauthenticated-admin-interface';
const findings = (text: string, env: Record<string, string> = {}) => lintText(text, 'compose.yaml', { env }).findings.filter((f) => f.ruleId === RULE);

describe('no-unauthenticated-admin-interface', () => {
  it('gives code execution and admin roles errors, read access and editors warnings', () => {
    const grafana = (role: string) => `services:\n  g:\n    image: grafana/grafana-oss:11.2.0\n    environment:\n      GF_AUTH_ANONYMOUS_ENABLED: "true"\n      GF_AUTH_ANONYMOUS_ORG_ROLE: ${role}\n`;
    expect(findings(grafana('admin')).map((f) => f.severity)).toEqual(['error']);
    expect(findings(grafana('Editor')).map((f) => f.severity)).toEqual(['warning']);
    expect(findings(grafana('Viewer'))).toEqual([]);
    expect(findings('services:\n  t:\n    image: traefik:v3.1\n    command: --api.insecure\n').map((f) => f.severity)).toEqual(['warning']);
    expect(findings('services:\n  c:\n    image: example/ide:1.0\n    entrypoint: ["code-server", "--auth=none"]\n').map((f) => f.severity)).toEqual(['error']);
  });

  it('names the published port that reaches the interface, and only one that does', () => {
    const jupyter = (ports: string) => `services:\n  n:\n    image: quay.io/jupyter/base-notebook:2024-10-07\n    command: ["start-notebook.py", "--ServerApp.token=''"]\n    ports: ${ports}\n`;
    expect(findings(jupyter('["8888:8888"]'))[0]!.message).toContain('published on all host interfaces ("8888:8888")');
    expect(findings(jupyter('["127.0.0.1:8888:8888", "9000:9000"]'))[0]!.message).toContain('open to every container on its networks');
  });

  it('reads settings as Compose interpolates them, and leaves unknown values alone', () => {
    const traefik = 'services:\n  t:\n    image: traefik:v3.1\n    environment:\n      TRAEFIK_API_INSECURE: ${INSECURE}\n';
    expect(findings(traefik, { INSECURE: 'true' })).toHaveLength(1);
    expect(findings(traefik, { INSECURE: 'false' })).toHaveLength(0);
    expect(findings(traefik)).toHaveLength(0);
  });
});
