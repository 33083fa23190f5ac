import { defineRule, type Report } from '../../src/engine/rule.js';
import { knownRepository } from '../../src/graph/datastore.js';
import type { ServiceGraph } from '../../src/graph/graph.js';
import { authOff, openByDefault } from '../../src/hardening/datastore-auth.js';
import type { Service } from '../../src/model/project.js';
import { publishedOn } from '../../src/model/ports.js';

export const noUnauthenticatedDatastore = defineRule({
  meta: {
    id: 'no-unauthenticated-datastore',
    title: 'Do not run a datastore without authentication',
    description:
      'A datastore started with authentication switched off accepts every client without credentials: whoever reaches its port reads and changes all of its data. Reported: `POSTGRES_HOST_AUTH_METHOD=trust` (postgres images), `MYSQL_ALLOW_EMPTY_PASSWORD` / `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD` without a root password (official mysql and mariadb; any non-empty value counts), Bitnami\'s `ALLOW_EMPTY_PASSWORD=yes` without a password, `ARANGO_NO_AUTH`, `xpack.security.enabled=false` (Elasticsearch) or, for Elasticsearch 6.3 to 7.x, no `xpack.security.enabled` at all (off by default before 8.0), `DISABLE_SECURITY_PLUGIN=true` or `plugins.security.disabled=true` (OpenSearch), `NEO4J_AUTH=none`, and `cockroach start --insecure`. Only on services recognised as that datastore, from `environment`, env files or `command`, with values as Compose interpolates them. An error when the datastore publishes a port beyond loopback or uses the host\'s network, a warning otherwise (every container on its networks can connect). The official redis, valkey and mongo images, which start without a password, are reported (an error) only when published beyond loopback or on the host\'s network: redis and valkey without `requirepass` or ACL users in their command or the config file they name, mongo with neither `MONGO_INITDB_ROOT_USERNAME(_FILE)` nor `--auth`.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 9.0,
    recommended: true,
    fixable: false,
    messages: {
      exposed: '{{kind}} service "{{service}}" runs without authentication ({{setting}}) and {{exposure}}: anyone who can reach the host can read and change its data; {{remedy}}',
      unexposed: '{{kind}} service "{{service}}" runs without authentication ({{setting}}): any container on its networks can read and change its data without credentials; {{remedy}}',
    },
    references: [
      'CWE-306: Missing Authentication for Critical Function',
      'OWASP Top 10 2021 A07: Identification and Authentication Failures',
      'KICS: none for docker-compose',
    ],
    tags: ['security', 'datastore', 'authentication'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      const datastore = graph.datastore(service);
      if (!datastore) continue;
      const repo = knownRepository(service.image);
      const offs = [...authOff(service, datastore.kind, repo), ...openByDefault(service, datastore.kind, repo, project, graph.files)];
      const exposure = offs.length > 0 ? exposureOf(graph, service) : undefined;
      for (const off of offs) {
        if (off.exposedOnly && !exposure) continue;
        const data = { kind: datastore.kind, service: service.name, setting: off.setting, remedy: off.remedy };
        const finding: Report = exposure
          ? { messageId: 'exposed', data: { ...data, exposure }, at: off.at, service }
          : { messageId: 'unexposed', data, at: off.at, service, severity: 'warning' };
        report(finding);
      }
    }
  },
});

/** How the datastore is reachable from outside the host, as no-public-datastore-port decides it; undefined when it is not. */
function exposureOf(graph: ServiceGraph, service: Service): string | undefined {
  if (graph.attachment(service).kind === 'host') return 'shares the host\'s network stack';
  const port = graph.datastorePublicPorts(service)[0];
  if (port) return `publishes port "${port.text}" on ${publishedOn(port)}`;
  const shared = graph.sharedStackPorts(service)[0];
  return shared && `is reached through port "${shared.port.text}", which "${shared.provider.name}" (whose network stack it shares) publishes on ${publishedOn(shared.port)}`;
}
