import { defineRule } from '../../src/engine/rule.js';
import { buildBaseRepository } from '../../src/graph/build-base.js';
import { knownRepository } from '../../src/graph/datastore.js';
import { isWebFrontRepository } from '../../src/hardening/image.js';
import { isInterpolated } from '../../src/hardening/values.js';

/** The web ports a reverse proxy or web server exists to serve (443/udp too, for HTTP/3). */
const WEB_PORTS = new Set(['80', '443']);

/**
 * Servers of a protocol whose clients only use its standard ports (DNS, DHCP, LDAP, mail, NTP):
 * publishing them elsewhere is no option, and a reverse proxy does not apply.
 */
const PROTOCOL_SERVERS: [RegExp, Set<string>][] = [
  [/(?:^|\/)(?:pihole|adguardhome|coredns|bind9?|dnsmasq|unbound|dns-server|pdns-recursor|pdns-auth[\w-]*|blocky)$/, new Set(['53', '67', '68', '547', '853'])],
  [/(?:^|\/)(?:openldap|openldap-server|389-ds|lldap|glauth)$/, new Set(['389', '636'])],
  [/(?:^|\/)(?:docker-mailserver|mailserver|postfix|maddy|stalwart-mail|dovecot)$/, new Set(['25', '110', '143', '465', '587', '993', '995'])],
  [/(?:^|\/)(?:ntp|chrony|ntpd)$/, new Set(['123'])],
];

function protocolPorts(repo: string | undefined): Set<string> | undefined {
  return repo === undefined ? undefined : PROTOCOL_SERVERS.find(([pattern]) => pattern.test(repo))?.[1];
}

export const noPrivilegedHostPort = defineRule({
  meta: {
    id: 'no-privileged-host-port',
    title: 'Do not publish on privileged host ports (below 1024)',
    description:
      'Ports below 1024 are reserved for system services: publishing one needs the rootful daemon, and a container on port 22, 53 or 80 can take over a role the host (or another service) expects to own. Publish on a high port behind a reverse proxy or load balancer. Ranges that start below 1024 count. Ports 80 and 443 of a recognised reverse proxy or web server image (nginx, Traefik, Caddy, HAProxy, Envoy, httpd, SWAG...), or of a service built from a local context whose Dockerfile starts the built stage from one, are not reported: serving them is that service\'s role. Nor are the standard ports of a server of a protocol whose clients use no other (DNS and DHCP for Pi-hole, AdGuard Home, CoreDNS, BIND, dnsmasq, Unbound; LDAP for OpenLDAP; SMTP, IMAP and POP3 for mail servers; NTP).',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 3.0,
    recommended: false,
    fixable: false,
    messages: {
      privilegedPort: 'service "{{service}}" publishes host port {{published}}, below 1024; publish on a port from 1024 up (e.g. behind a reverse proxy)',
      privilegedUdpPort: 'service "{{service}}" publishes host port {{published}}/udp, below 1024; make sure nothing on the host expects to own it, or publish it from 1024 up',
      proxyPort: 'reverse proxy "{{service}}" publishes host port {{published}}, below 1024; only 80 and 443 are a proxy\'s role: make sure nothing on the host expects to own {{published}}, or publish it from 1024 up',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.7: Ensure privileged ports are not mapped within containers',
      'KICS: Privileged Ports Mapped In Container',
    ],
    tags: ['security', 'network'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      // A reverse proxy on 80/443 is the host's web front by design: the advice to sit behind one
      // cannot apply, and Docker binds the host port itself (the container needs no privilege for it).
      // Built from a local context, it is one when its Dockerfile starts from one (read only if needed).
      let proxy: boolean | undefined;
      const served = protocolPorts(knownRepository(service.image));
      const isProxy = (): boolean =>
        (proxy ??= isWebFront(knownRepository(service.image)) || (service.build !== undefined && isWebFront(buildBaseRepository(service, project, graph.files))));
      for (const port of service.ports) {
        const published = port.published?.trim();
        if (!published || isInterpolated(published)) continue;
        const start = Number(published.split('-')[0]);
        if (!(Number.isInteger(start) && start > 0 && start < 1024)) continue;
        if (WEB_PORTS.has(published) && isProxy()) continue;
        if (served?.has(published)) continue;
        const messageId = isProxy() ? 'proxyPort' : port.protocol === 'udp' ? 'privilegedUdpPort' : 'privilegedPort';
        report({ messageId, data: { service: service.name, published }, at: port.portAt, service });
      }
    }
  },
});

function isWebFront(repo: string | undefined): boolean {
  return repo !== undefined && isWebFrontRepository(repo);
}
