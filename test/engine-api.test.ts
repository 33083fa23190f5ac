/** no-unauthenticated-engine-api beyond its fixtures: which images are Docker-in-Docker, exposure in messages, env files. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProjectDetailed, lintText } from '../src/lint.js';
import { tempTree } from './tmp.js';

const RULE = 'no-unauthenticated-engine-api';
const findings = (text: string, env?: Record<string, string>) =>
  lintText(text, 'compose.yaml', env ? { env } : {}).findings.filter((f) => f.ruleId === RULE);
const dind = (image: string, extra = '') => `services:\n  dind:\n    image: ${image}\n    privileged: true\n    environment:\n      DOCKER_TLS_CERTDIR: ""\n${extra}`;

describe('no-unauthenticated-engine-api', () => {
  it('knows the official Docker-in-Docker image by repository and tag, with any registry', () => {
    const reported = (image: string) => findings(dind(image)).length;
    for (const image of ['docker:dind', 'docker:27.3.1-dind-alpine3.20', 'docker.io/library/docker:dind-rootless', 'mirror.gcr.io/library/docker:dind', 'docker:${DOCKER_VERSION}-dind']) {
      expect(reported(image), image).toBe(1);
    }
    for (const image of ['docker:27-cli', 'docker', 'example/dind:1.0', 'docker:${TAG}', 'library/docker:dindx']) expect(reported(image), image).toBe(0);
  });

  it('says who reaches the engine: a published port, the host network stack, or the containers on its networks', () => {
    const message = (extra: string) => findings(dind('docker:27-dind', extra))[0]!.message;
    expect(message('    ports: ["2375:2375"]\n')).toContain('published on all host interfaces ("2375:2375")');
    expect(message('    ports: ["127.0.0.1:2375:2375", "10.0.0.5:2380-2390:2370-2380"]\n')).toContain('published on host address 10.0.0.5 ("10.0.0.5:2380-2390:2370-2380")');
    expect(message('    network_mode: host\n')).toContain("on the host's network stack");
    expect(message('')).toContain('open to every container on its networks: whoever reaches it controls that engine, a privileged container, and so the host');
  });

  it('reads DOCKER_TLS_CERTDIR as Compose resolves it, and an empty one from an env file points into that file', () => {
    expect(findings(dind('docker:dind').replace('""', '${CERTS}'), { CERTS: '' })).toHaveLength(1);
    expect(findings(dind('docker:dind').replace('""', '${CERTS}'), { CERTS: '/certs' })).toHaveLength(0);
    const dir = tempTree('cl-engine-', {
      'compose.yaml': 'services:\n  dind:\n    image: docker:dind\n    privileged: true\n    env_file: dind.env\n',
      'dind.env': '# TLS off for the CI network\nDOCKER_TLS_CERTDIR=\n',
    });
    const found = lintProjectDetailed([join(dir, 'compose.yaml')], { cwd: dir }).result.findings.filter((f) => f.ruleId === RULE);
    expect(found.map((f) => `${f.file.endsWith('dind.env')} ${f.line} ${f.message.includes('DOCKER_TLS_CERTDIR empty in ')}`)).toEqual(['true 2 true']);
  });

  it('reports a Docker-in-Docker image before 19.03 at the image, whatever its environment', () => {
    const old = (tag: string) => findings(`services:\n  dind:\n    image: docker:${tag}\n    privileged: true\n    environment:\n      DOCKER_TLS_CERTDIR: /certs\n`);
    expect(old('18.09.7-dind').map((f) => `${f.line}:${f.column} ${f.message.slice(0, 60)}`)).toEqual(['3:12 service "dind" runs Docker-in-Docker 18.09.7, whose entrypoi']);
    expect(old('17.06.0-ce-dind')).toHaveLength(1);
    expect(old('19.03-dind')).toHaveLength(0);
    expect(old('dind')).toHaveLength(0);
  });

  it('leaves a replaced entrypoint to the dockerd command line it runs', () => {
    const custom = 'services:\n  dind:\n    image: docker:dind\n    privileged: true\n    entrypoint: ["/start.sh"]\n    environment:\n      DOCKER_TLS_CERTDIR: ""\n';
    expect(findings(custom)).toHaveLength(0);
    expect(findings(custom.replace('["/start.sh"]', '["dockerd", "-H", "tcp://0.0.0.0"]')).map((f) => f.message)).toEqual([
      expect.stringContaining('runs dockerd listening on tcp://0.0.0.0 without --tlsverify'),
    ]);
  });
});
