/**
 * A fixed LintResult covering everything a reporter must show: an unreadable
 * file, each severity, service and network, a fix, a suppression. Rule metadata
 * is fixed here too, so the goldens do not change when rules are added.
 */
import type { RuleSetting } from '../../src/engine/config.js';
import type { RuleMeta } from '../../src/engine/rule.js';
import type { ProjectSettings, ReportContext } from '../../src/reporters/index.js';
import type { LintResult, SeverityOrOff } from '../../src/types.js';

export const SOURCE = `services:
  web:
    image: nginx:1.27
    ports:
      - "80:80"
  db:
    image: postgres:16
    networks: [backend]
  monitor:
    image: prom/node-exporter
    network_mode: host
networks:
  backend: {}
`;

const fixStart = SOURCE.indexOf('"80:80"');

function meta(id: string, title: string, severity: RuleMeta['severity'], securitySeverity: number, extra: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    title,
    description: `${title}: the golden description of ${id}, with \`code\`.`,
    category: 'network',
    severity,
    securitySeverity,
    recommended: true,
    fixable: false,
    messages: {},
    tags: ['security', 'network-isolation'],
    ...extra,
  };
}

export const RULES: RuleMeta[] = [
  meta('yaml-syntax', 'YAML must parse', 'error', 0, { category: 'syntax', tags: ['correctness'] }),
  meta('no-host-network', 'Do not use host networking', 'error', 8, { references: ['CIS Docker Benchmark 5.10'] }),
  meta('no-unbound-port', 'Bind published ports to an interface', 'warning', 6.5, { fixable: true }),
  meta('require-internal-network', 'Datastore networks are internal', 'warning', 5),
];

const defaults = (): [string, RuleSetting][] => RULES.map((r) => [r.id, { severity: r.severity, options: {}, explicit: false }]);
const set = (severity: SeverityOrOff): RuleSetting => ({ severity, options: {}, explicit: true });

/** Both projects make require-internal-network a note; the broken one (its own config file, say) also turns no-host-network off. */
export const RULE_SETTINGS: ProjectSettings[] = [
  { file: 'compose.yaml', settings: new Map([...defaults(), ['require-internal-network', set('note')]]) },
  { file: 'sub dir/broken.yaml', settings: new Map([...defaults(), ['no-host-network', set('off')], ['require-internal-network', set('note')]]) },
];

export const CONTEXT: ReportContext = { rules: RULES, toolVersion: '9.9.9', cwd: '/project', color: false, ruleSettings: RULE_SETTINGS };

export const RESULT: LintResult = {
  results: [
    {
      file: 'compose.yaml',
      source: SOURCE,
      findings: [
        // Deliberately out of order: reporters sort.
        {
          ruleId: 'no-host-network',
          severity: 'error',
          message: 'service "monitor" uses network_mode: host',
          messageId: 'hostNetwork',
          file: 'compose.yaml',
          line: 11,
          column: 5,
          endLine: 11,
          endColumn: 23,
          service: 'monitor',
        },
        {
          ruleId: 'no-unbound-port',
          severity: 'warning',
          message: 'port "80:80" of service "web" is published on all host interfaces',
          messageId: 'unbound',
          file: 'compose.yaml',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 16,
          service: 'web',
          fix: { description: 'bind the port to 127.0.0.1', edits: [{ file: 'compose.yaml', start: fixStart, end: fixStart + 7, text: '"127.0.0.1:80:80"' }] },
        },
        {
          ruleId: 'require-internal-network',
          severity: 'note',
          message: 'network "backend" carries PostgreSQL but is not internal',
          messageId: 'notInternal',
          file: 'compose.yaml',
          line: 8,
          column: 16,
          endLine: 8,
          endColumn: 23,
          service: 'db',
          network: 'backend',
        },
        {
          ruleId: 'no-unbound-port',
          severity: 'warning',
          message: 'port "9100:9100" of service "monitor" is published on all host interfaces',
          messageId: 'unbound',
          file: 'compose.yaml',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 10,
          service: 'monitor',
          suppression: { kind: 'inSource', justification: 'scraped from the LAN only' },
        },
      ],
    },
    { file: 'stack/missing.yaml', findings: [], error: { file: 'stack/missing.yaml', message: 'ENOENT: no such file or directory' } },
    {
      file: 'sub dir/broken.yaml',
      source: 'services:\n  web: [\n',
      findings: [
        { ruleId: 'yaml-syntax', severity: 'error', message: 'flow sequence is not closed', messageId: 'syntax', file: 'sub dir/broken.yaml', line: 2, column: 8, endLine: 2, endColumn: 9 },
      ],
    },
  ],
};

/** A small insecure project (unbound ports, a public datastore, host networking) that reporter tests lint. */
export const INSECURE = `services:
  web:
    image: nginx
    ports:
      - "80:80"
  db:
    image: postgres:16
    ports:
      - "5432:5432"
  monitor:
    image: prom/node-exporter
    network_mode: host
`;
