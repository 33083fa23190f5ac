import { defineRule } from '../../src/engine/rule.js';
import { str } from '../../src/model/node.js';

export const noLinks = defineRule({
  meta: {
    id: 'no-links',
    title: 'Do not use legacy links',
    description:
      '`links:` is a legacy Docker feature. On user-defined networks every service already reaches the others by service name or network alias, so links add nothing but an implicit dependency, and they hide which networks the services really share (a link does not connect two services that share no network). Use networks, service names and `depends_on` instead.',
    category: 'network',
    severity: 'note',
    securitySeverity: 2.0,
    recommended: true,
    fixable: false,
    messages: {
      link: 'service "{{service}}" uses the legacy link "{{link}}": remove it and reach "{{target}}" by its service name (or a network alias) on a network both services join, with depends_on if start order matters',
      linkOnDefaultBridge: 'service "{{service}}" uses the legacy link "{{link}}" on Docker\'s default bridge (network_mode: bridge), where links are the only name resolution: move both services to a user-defined network (see no-default-bridge), then remove the link and reach "{{target}}" by its service name',
    },
    references: ['Docker documentation: "Legacy container links" (deprecated)', 'Compose specification: links'],
    tags: ['maintainability', 'network-isolation'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      for (const link of service.links) {
        // On the default bridge there is no DNS: removing the link alone would break the lookup.
        const messageId = service.networkMode?.kind === 'bridge' ? 'linkOnDefaultBridge' : 'link';
        report({ messageId, data: { service: service.name, link: str(link.node) ?? link.name, target: link.name }, at: link.node, service });
      }
    }
  },
});
