import { defineRule } from '../../src/engine/rule.js';
import { scalarItems } from '../../src/hardening/values.js';
import { get, str } from '../../src/model/node.js';

/** Options that undo Docker's tmpfs defaults (noexec, nosuid, nodev). */
const INSECURE = new Set(['exec', 'suid', 'dev']);

export const noInsecureTmpfs = defineRule({
  meta: {
    id: 'no-insecure-tmpfs',
    title: 'Do not mount tmpfs with exec, suid or dev',
    description:
      'Docker mounts `tmpfs:` entries `noexec,nosuid,nodev`, so a writable scratch area cannot be used to run dropped binaries, setuid files or device nodes. Explicit `exec`, `suid` or `dev` options undo that, which matters most with `read_only: true`, where tmpfs is the only writable place. The long volume syntax (`type: tmpfs`) only takes `size` and `mode`, keeps the defaults, and is not reported.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 3.5,
    recommended: false,
    fixable: false,
    messages: {
      insecure: 'service "{{service}}" mounts tmpfs {{target}} with {{options}}: files written there can be {{effect}}; drop the option(s)',
    },
    references: [
      'OWASP Docker Security Cheat Sheet RULE #8: Set filesystem and volumes to read-only',
    ],
    tags: ['security', 'immutability'],
  },
  check({ project, report }) {
    const effects: Record<string, string> = { exec: 'executed', suid: 'setuid programs', dev: 'device nodes' };
    for (const service of project.services) {
      for (const node of scalarItems(get(service.node, 'tmpfs'))) {
        const text = str(node);
        const colon = text?.indexOf(':') ?? -1;
        if (text === undefined || colon === -1) continue;
        // Mount options are case-sensitive, and the last of `exec`/`noexec` (suid, dev alike) wins.
        const written = text.slice(colon + 1).split(',').map((o) => o.trim());
        const options = written.filter((o, i) => INSECURE.has(o) && written.indexOf(o) === i && written.lastIndexOf(o) > written.lastIndexOf(`no${o}`));
        if (options.length === 0) continue;
        const effect = options.map((o) => effects[o]).join(', ');
        report({ messageId: 'insecure', data: { service: service.name, target: text.slice(0, colon), options: options.join(','), effect }, at: node, service });
      }
    }
  },
});
