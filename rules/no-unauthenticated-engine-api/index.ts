import { defineRule } from '../../src/engine/rule.js';
import { openEngines } from '../../src/hardening/engine-api.js';
import { exposureOf } from '../../src/hardening/exposure.js';
import { bool, get } from '../../src/model/node.js';

export const noUnauthenticatedEngineApi = defineRule({
  meta: {
    id: 'no-unauthenticated-engine-api',
    title: 'Do not open a Docker engine API without TLS client authentication',
    description:
      'A Docker engine that listens on TCP without `--tlsverify` takes every client that reaches the port as its administrator: it can start privileged containers and mount the host. Reported: the official Docker-in-Docker image (`docker:*dind*`) with `DOCKER_TLS_CERTDIR` set empty, whose entrypoint then listens on tcp://0.0.0.0:2375 without TLS (before 19.03, `docker:18.09-dind` and older, it always does), and a `dockerd` command line with a `-H`/`--host` `tcp://` address beyond loopback and no `--tlsverify` (nor `DOCKER_TLS_VERIFY`, nor a `--config-file` that could set it). Always an error: unpublished, every container on its networks still gets the engine, which for Docker-in-Docker runs privileged.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 9.0,
    recommended: true,
    fixable: false,
    messages: {
      dind: 'service "{{service}}" runs Docker-in-Docker with DOCKER_TLS_CERTDIR empty{{where}}, so its engine listens on tcp port 2375 without TLS or authentication{{exposure}}: whoever reaches it controls that engine{{privileged}}; remove DOCKER_TLS_CERTDIR (the image then makes certificates in /certs and listens on 2376 with --tlsverify) and give clients the client certificates (DOCKER_TLS_VERIFY=1, DOCKER_CERT_PATH)',
      dindLegacy: 'service "{{service}}" runs Docker-in-Docker {{version}}, whose entrypoint (before 19.03) listens on tcp port 2375 without TLS or authentication{{exposure}}: whoever reaches it controls that engine{{privileged}}; use docker:dind 19.03 or later, which makes certificates in /certs and listens on 2376 with --tlsverify',
      dockerd: 'service "{{service}}" runs dockerd listening on {{address}} without --tlsverify{{exposure}}: whoever reaches it controls that engine{{privileged}}; add --tlsverify with --tlscacert, --tlscert and --tlskey, or listen on the unix socket only',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 2.6: Ensure TLS authentication for Docker daemon is configured',
      'OWASP Docker Security Cheat Sheet RULE #1: Do not expose the Docker daemon socket (even to the containers)',
      'CWE-306: Missing Authentication for Critical Function',
      'KICS: none for docker-compose',
    ],
    tags: ['security', 'authentication', 'docker-socket'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      for (const engine of openEngines(service)) {
        const data = {
          service: service.name,
          address: engine.address,
          version: engine.version ?? '',
          where: engine.fromFile ? ` in ${engine.fromFile}` : '',
          exposure: exposureOf(graph, service, engine.port),
          privileged: bool(get(service.node, 'privileged')) === true ? ', a privileged container, and so the host' : ' and the containers it runs',
        };
        report({ messageId: engine.kind, data, at: engine.at, service });
      }
    }
  },
});
