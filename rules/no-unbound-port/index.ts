import { defineRule } from '../../src/engine/rule.js';
import { knownRepository } from '../../src/graph/datastore.js';
import { publishes } from '../../src/graph/graph.js';
import { isScalar } from '../../src/model/node.js';
import type { PortBinding, Service } from '../../src/model/project.js';

/** Container ports a public web entry point listens on. */
const ENTRY_PORTS = new Set(['80', '443', '8443']);
/** Images that are reverse proxies or web servers, usually the one service meant to face the network. */
const PROXY_IMAGES = new Set(['traefik', 'nginx', 'caddy', 'haproxy', 'envoy', 'envoyproxy/envoy', 'jc21/nginx-proxy-manager']);

export const noUnboundPort = defineRule({
  meta: {
    id: 'no-unbound-port',
    title: 'Bind published ports to an explicit address',
    description:
      'A published port without a host address (`"8080:80"`, `"80"`) or bound to `0.0.0.0`/`::` listens on every interface of the host, so anyone who can reach the machine can reach the container; Docker\'s own iptables rules bypass host firewalls such as ufw. Bind to `127.0.0.1` when only the host (or a reverse proxy on it) needs the port, or to the one interface that should serve it. A port that may be the public entry point (container port 80, 443 or 8443, or a reverse proxy image such as traefik or nginx) is still reported, but `--fix` does not bind it to loopback: if it is the entry point, keep it and suppress the finding with a reason. An address written as a variable with a default (`${BIND_ADDR:-0.0.0.0}`) is reported with the default to change. Datastore ports are reported by `no-public-datastore-port` instead, and ports of services with `network_mode: none` are not published at all.',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.0,
    recommended: true,
    fixable: true,
    messages: {
      unbound: 'port "{{port}}" of service "{{service}}" is published on all host interfaces; bind it to 127.0.0.1 ("127.0.0.1:{{suggestion}}") or to the one interface that must serve it',
      unboundDefault: 'port "{{port}}" of service "{{service}}" is published on all host interfaces by the default of ${{{variable}}}; change the default to 127.0.0.1 ("{{suggestion}}"), so listening on every interface has to be chosen where it is deployed',
      entryPoint: 'port "{{port}}" of service "{{service}}" is published on all host interfaces; {{reason}}, so it may be the public entry point: if it is, keep the port and suppress this finding with a reason; if not, {{remedy}}',
    },
    references: ['CIS Docker Benchmark 5.14: Ensure that incoming container traffic is bound to a specific host interface', 'KICS: Container Traffic Not Bound To Host Interface'],
    tags: ['security', 'network-isolation'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      // Datastores have their own rule; host networking and internal-only networks ignore `ports:` (other rules say so),
      // and `network_mode: none` has no interface to publish on.
      if (graph.datastore(service) || !publishes(graph, service) || graph.attachment(service).kind === 'none') continue;
      for (const port of service.ports) {
        if (port.scope !== 'all') continue;
        const base = { port: port.text, service: service.name };
        const plain = `${port.published ?? ''}:${port.target ?? ''}${protocolSuffix(port)}`;
        const variable = defaultAddress(port);
        const reason = entryReason(service, port);
        const remedy = variable
          ? `change the default of \${${variable.name}} to 127.0.0.1 ("${variable.suggestion}")`
          : `bind it to 127.0.0.1 ("127.0.0.1:${plain}") or to the one interface that must serve it`;
        // Loopback on the entry point takes the site down: no fix, only the finding.
        if (reason) report({ messageId: 'entryPoint', data: { ...base, reason, remedy }, at: port.addressAt, service });
        else if (variable) report({ messageId: 'unboundDefault', data: { ...base, variable: variable.name, suggestion: variable.suggestion }, at: port.addressAt, service });
        else report({ messageId: 'unbound', data: { ...base, suggestion: plain }, at: port.addressAt, service });
      }
    }
  },
});

/** Why the port may be the public entry point, or undefined. */
function entryReason(service: Service, port: PortBinding): string | undefined {
  const repo = knownRepository(service.image);
  const name = repo?.split('/').at(-1);
  if (repo && (PROXY_IMAGES.has(repo) || (name && PROXY_IMAGES.has(name)))) return `it runs ${name}, a reverse proxy or web server`;
  const target = port.target?.split('/')[0];
  if (target && ENTRY_PORTS.has(target)) return `container port ${target} is a web port`;
  return undefined;
}

/**
 * An address written as one variable whose default listens everywhere (`${BIND_ADDR:-0.0.0.0}`):
 * the variable and the text with the default made 127.0.0.1. Deployments that set it keep their choice.
 */
function defaultAddress(port: PortBinding): { name: string; suggestion: string } | undefined {
  const node = port.addressAt;
  const source = isScalar(node) ? node.source : undefined;
  if (source === undefined) return undefined;
  // Short syntax: the expression starts the string and a colon follows; long syntax: it is the whole host_ip.
  const match = /^(\s*\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-))(0\.0\.0\.0|::|\[::\])(\})/.exec(source);
  if (!match) return undefined;
  const rest = source.slice(match[0].length);
  if (port.longSyntax ? rest.trim() !== '' : !rest.startsWith(':')) return undefined;
  const suggestion = `${match[1]!.trimStart()}127.0.0.1}${rest}`;
  return { name: match[2]!, suggestion: port.longSyntax ? `host_ip: ${suggestion}` : suggestion };
}

/**
 * The protocol as the suggestion writes it: a short port keeps the suffix as written ("/tcp" too),
 * as the fix does; a long port, rendered short, needs one only when it is not tcp.
 */
function protocolSuffix(port: PortBinding): string {
  if (port.longSyntax) return port.protocol !== 'tcp' ? `/${port.protocol}` : '';
  return /\/[A-Za-z]+$/.exec(port.text.trim())?.[0] ?? '';
}
