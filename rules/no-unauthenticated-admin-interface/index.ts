import { defineRule } from '../../src/engine/rule.js';
import { openInterfaces } from '../../src/hardening/admin-auth.js';
import { exposureOf, fromOutside } from '../../src/hardening/exposure.js';

export const noUnauthenticatedAdminInterface = defineRule({
  meta: {
    id: 'no-unauthenticated-admin-interface',
    title: 'Do not run admin interfaces, notebooks, debuggers or registries without authentication',
    description:
      'An admin or notebook interface started with its authentication switched off gives every visitor what its administrator has. Reported: a Jupyter server with an empty token and no password (`--ServerApp.token=\'\'`, `--NotebookApp.token=\'\'`: anyone runs code), code-server with `--auth none` (its terminal), Grafana with anonymous access as `Admin` (an error) or `Editor` (a warning: both query every data source with its stored credentials) or with its auth proxy on and no whitelist (a warning: anyone who reaches Grafana directly sends the user header and signs in as anyone, an admin included), phpMyAdmin with `PMA_USER` (config authentication: every visitor is that database user), pgAdmin with `PGADMIN_CONFIG_SERVER_MODE=False` (desktop mode, no login: an error with `PGADMIN_CONFIG_MASTER_PASSWORD_REQUIRED=False`, which unlocks its saved passwords, else a warning), Traefik\'s insecure API, `api.insecure` (a warning: its API and dashboard show every route and back end), and Prometheus (`prom/prometheus`, `quay.io/prometheus/prometheus`) without `--web.config.file` with `--web.enable-admin-api` (delete series, snapshots: an error when published beyond loopback, else a warning) or `--web.enable-lifecycle` alone (shut down, reload: a warning), a Vault or OpenBao dev server (`VAULT_DEV_ROOT_TOKEN_ID` / `BAO_DEV_ROOT_TOKEN_ID` with `-dev` or the image\'s default command: unsealed, with a known root token; an error when published beyond loopback, else a warning), and a remote debugger listening on an address other than loopback, through which anyone runs code in the container (an error when its port is published beyond loopback or the service is on the host\'s network, else a warning): the Node.js inspector (`--inspect=0.0.0.0:9229`, `--inspect-brk`, `--inspect-wait`, also in `NODE_OPTIONS`), a Java JDWP agent with `server=y` and `address=*:5005` or `0.0.0.0:5005` (also in `JAVA_TOOL_OPTIONS`, `JDK_JAVA_OPTIONS` and `*_OPTS` variables), debugpy with `--listen 0.0.0.0:5678`, a headless Delve (or `dlv dap`) with `--listen=:2345`, and rdbg with `--open --host 0.0.0.0 --port <n>` (a bare port is loopback for each of them: not reported). One image default is reported too, and only when reached from outside the host (its port, from `REGISTRY_HTTP_ADDR` or `http.addr`, else 5000, published beyond loopback, or the host\'s network): a Docker registry (`registry`, `distribution/distribution`) with no authentication, that is no `REGISTRY_AUTH*` variable and no `auth:` section in the config.yml it reads, not a pull-through cache: anyone pushes images to it. Otherwise only explicit opt-outs, read from `command`, `entrypoint` and the environment as Compose resolves them, and from the Traefik static configuration file and the grafana.ini the compose file mounts where each product reads it, in the product\'s order: Traefik reads one source only (a config file, else its flags, else its TRAEFIK_ variables), Grafana\'s GF_ variables override grafana.ini key by key. A finding from a file is reported at the mount or `configs:` entry and names the file and line.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 8.0,
    recommended: true,
    fixable: false,
    messages: {
      open: '{{product}} service "{{service}}" runs without authentication ({{setting}}){{exposure}}: anyone who reaches it can {{can}}; {{remedy}}',
    },
    references: [
      'CWE-306: Missing Authentication for Critical Function',
      'OWASP Top 10 2021 A07: Identification and Authentication Failures',
      'KICS: none for docker-compose',
    ],
    tags: ['security', 'authentication'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      for (const open of openInterfaces(service, project, graph.files)) {
        if (open.publishedOnly && !fromOutside(graph, service, open.port)) continue;
        const data = { product: open.product, service: service.name, setting: open.setting, exposure: exposureOf(graph, service, open.port), can: open.can, remedy: open.remedy };
        const severity = open.errorWhenPublished && !fromOutside(graph, service, open.port) ? 'warning' : open.severity;
        report({ messageId: 'open', data, at: open.at, service, ...(severity ? { severity } : {}) });
      }
    }
  },
});

