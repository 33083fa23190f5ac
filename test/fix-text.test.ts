/** fixText on the fix fixtures and on texts written for a rule: what it fixes, refuses and rejects; and runFixGate's checks of it. */
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { FIXERS, fixText, parseDocuments } from '../src/fix/index.js';
import { lintText } from '../src/lint.js';
import type { Finding } from '../src/types.js';
import { lintFor, read } from './fix-fixtures.js';

const FIXTURE_RULES: Record<string, string[]> = {
  ports: ['no-unbound-port', 'no-public-datastore-port'],
  hardening: ['no-privileged', 'no-unconfined-security-profile', 'require-no-new-privileges'],
  networks: ['require-internal-network'],
};

describe('fixText on fixtures', () => {
  for (const name of ['ports', 'hardening', 'networks']) {
    it(`${name}.yaml becomes ${name}.fixed.yaml, and fixing again changes nothing`, () => {
      const lint = lintFor(`${name}.yaml`, FIXTURE_RULES[name]);
      const outcome = fixText(read(`${name}.yaml`), `${name}.yaml`, lint);
      expect(outcome.problem).toBeUndefined();
      expect(outcome.ok).toBe(true);
      expect(outcome.text).toBe(read(`${name}.fixed.yaml`));
      const again = fixText(outcome.text, `${name}.yaml`, lint);
      expect(again.changed).toBe(false);
      expect(again.applied).toEqual([]);
    });
  }

  for (const name of ['ports', 'hardening', 'networks']) {
    it(`${name}.yaml with CRLF line ends gets the same fixes, its inserted lines ending in CRLF too`, () => {
      const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
      const outcome = fixText(crlf(read(`${name}.yaml`)), `${name}.yaml`, lintFor(`${name}.yaml`, FIXTURE_RULES[name]));
      expect(outcome.ok).toBe(true);
      expect(outcome.text).toBe(crlf(read(`${name}.fixed.yaml`)));
    });
  }

  it('ends inserted lines as the line they follow ends, in a file with both endings', () => {
    const text = 'services:\n  web:\r\n    image: webui:1.27\r\n    privileged: false\r\n  api:\n    image: webui:1.27\n';
    const outcome = fixText(text, 'c.yaml', lintFor('c.yaml', ['require-no-new-privileges']));
    expect(outcome.text).toBe('services:\n  web:\r\n    image: webui:1.27\r\n    privileged: false\r\n    security_opt:\r\n      - no-new-privileges:true\r\n'
      + '  api:\n    image: webui:1.27\n    security_opt:\n      - no-new-privileges:true\n');
  });

  it('places every fixed or refused finding in the original text, whichever pass met it', () => {
    // Service a's security_opt is inserted right after its port, so its port waits for the second pass, on a text with more lines.
    const two = 'services:\n  a:\n    image: webui:1.27\n    ports:\n      - "90:90"\n  b:\n    image: webui:1.27\n    ports:\n      - "81:81"\n';
    const cases: [string, string, string[] | undefined][] = [
      ['two.yaml', two, ['no-unbound-port', 'require-no-new-privileges']],
      ...['ports', 'hardening', 'networks', 'refused'].map((name): [string, string, string[] | undefined] => [`${name}.yaml`, read(`${name}.yaml`), FIXTURE_RULES[name]]),
    ];
    for (const [file, text, rules] of cases) {
      const lint = lintFor(file, rules);
      const where = (f: Finding): string => `${f.ruleId} ${f.service ?? f.network} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
      const before = new Set(lint(text).map(where));
      const outcome = fixText(text, file, lint);
      for (const { finding } of [...outcome.applied, ...outcome.refused]) expect(before, file).toContain(where(finding));
    }
    const port = fixText(two, 'two.yaml', lintFor('two.yaml', cases[0]![2])).applied.find((a) => a.fix.description.includes('"81:81"'))!;
    expect([port.finding.line, port.finding.column]).toEqual([9, 9]);
  });

  it('reports what each fix changes', () => {
    const outcome = fixText(read('ports.yaml'), 'ports.yaml', lintFor('ports.yaml'));
    const first = outcome.applied.find((a) => a.finding.line === 6)!;
    expect(first.fix.description).toBe('bind port "90:90" of service "web" to 127.0.0.1: only this host (and a reverse proxy on it) can reach it; other machines lose access');
    expect(first.fix.edits).toEqual([{ file: 'ports.yaml', start: expect.any(Number), end: expect.any(Number), text: '"127.0.0.1:90:90"' }]);
    expect(outcome.refused.map((r) => r.reason)).toEqual(['port "192.168.1.5:5433:5432" is bound to 192.168.1.5: choose between 127.0.0.1 and removing the port']);
  });

  it('refuses values from anchors, merge keys and variables, and leaves the file alone', () => {
    const lint = lintFor('refused.yaml');
    const outcome = fixText(read('refused.yaml'), 'refused.yaml', lint);
    const reasons = outcome.refused.map((r) => `${r.finding.ruleId} ${r.finding.service ?? r.finding.network}: ${r.reason}`).sort();
    expect(reasons).toEqual(expect.arrayContaining([
      'no-privileged merged: `privileged` is not written in service "merged" (it comes from a merge key or another file)',
      'no-unbound-port anchored: `ports` is an alias (*ports): editing it would change every use of the anchor',
      'no-unbound-port shared: service "shared" has an anchor (&shared): editing it would change every alias of it',
    ]));
    expect(outcome.refused.some((r) => r.finding.ruleId === 'require-internal-network')).toBe(false);
    // Only findings without a refusal were fixed: the text around the anchors is untouched.
    expect(outcome.text.slice(0, read('refused.yaml').indexOf('services:'))).toBe(read('refused.yaml').slice(0, read('refused.yaml').indexOf('services:')));
  });

  it('does not fix suppressed findings', () => {
    const text = 'services:\n  web:\n    image: webui:1.27\n    ports:\n      - "90:90" # compose-lint-disable-line no-unbound-port -- public site\n';
    const outcome = fixText(text, 'c.yaml', lintFor('c.yaml'));
    expect(outcome.applied.filter((a) => a.finding.ruleId === 'no-unbound-port')).toEqual([]);
    expect(outcome.text).toContain('- "90:90" # compose-lint-disable-line');
  });

  it('rejects a result that introduces findings', () => {
    const text = 'services:\n  web:\n    image: webui:1.27\n    ports: ["90:90"]\n';
    let calls = 0;
    const lint = (t: string): Finding[] => {
      const findings = lintText(t, 'c.yaml', { rules: new Map(allRules.map((r) => [r.meta.id, { severity: r.meta.id === 'no-unbound-port' ? 'warning' as const : 'off' as const }])) }).findings;
      // Pretend some rule dislikes the fixed text.
      return calls++ > 0 ? [...findings, { ruleId: 'made-up', severity: 'error', message: 'new', file: 'c.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 }] : findings;
    };
    const outcome = fixText(text, 'c.yaml', lint);
    expect(outcome).toMatchObject({ ok: false, changed: false, text, problem: 'fixing would introduce made-up' });
  });
});

describe('fixText with an edit that would break the file', () => {
  it('refuses that edit alone, applies the others, and leaves valid YAML', () => {
    const text = 'services:\n  web:\n    image: webui:1.27\n    privileged: true\n    ports: ["90:90"]\n';
    const saved = FIXERS['no-privileged/privileged']!;
    // A fixer gone wrong: its edit leaves an unclosed flow sequence.
    FIXERS['no-privileged/privileged'] = (context) => ({ description: 'broken', edits: [{ start: context.offset, end: context.offset + 4, text: '[' }] });
    try {
      const lint = lintFor('c.yaml', ['no-privileged', 'no-unbound-port']);
      const outcome = fixText(text, 'c.yaml', lint);
      expect(outcome.ok).toBe(true);
      expect(outcome.applied.map((a) => a.finding.ruleId)).toEqual(['no-unbound-port']);
      expect(outcome.refused.map((r) => `${r.finding.ruleId}: ${r.reason}`)).toEqual(['no-privileged: the edit would not leave valid YAML']);
      expect(outcome.text).toBe(text.replace('"90:90"', '"127.0.0.1:90:90"'));
      // The same with Documents handed over by the lint, as the CLI does.
      const withDocuments = fixText(text, 'c.yaml', (t) => ({ findings: lint(t), documents: parseDocuments(t) }));
      expect(withDocuments.text).toBe(outcome.text);
      expect(withDocuments.refused).toEqual(outcome.refused);
    } finally {
      FIXERS['no-privileged/privileged'] = saved;
    }
  });
});

describe('no-unbound-port message and fix', () => {
  const unbound = (ports: string[]): Finding[] => {
    const text = `services:\n  vnc:\n    image: example/vnc:1.0\n    ports:\n${ports.map((p) => `      - ${p}\n`).join('')}`;
    return lintText(text, 'c.yaml', { preset: 'strict', fixes: true }).findings.filter((f) => f.ruleId === 'no-unbound-port');
  };

  it('suggest the port the fix writes, protocol included as written', () => {
    const ports = ['"5900:5900/tcp"', '5901:5901/UDP', '"9000-9001:9000-9001/udp"', '"8080"', '"0.0.0.0:8443:453"', '"[::]:9443:453/tcp"', '"90:90"'];
    const findings = unbound(ports);
    expect(findings).toHaveLength(ports.length);
    for (const finding of findings) {
      const suggestion = /\("([^"]+)"\)/.exec(finding.message)?.[1];
      expect(finding.fix?.edits[0]?.text.replace(/^"|"$/g, '')).toBe(suggestion);
    }
    expect(findings[0]!.message).toContain('("127.0.0.1:5900:5900/tcp")');
  });

  it('name a long-syntax port with its protocol in the fix description as in the message', () => {
    const [finding] = unbound(['{ target: 90, published: 8081, protocol: udp }']);
    expect(finding!.message).toContain('port "8081:90/udp"');
    expect(finding!.fix?.description).toContain('bind port "8081:90/udp"');
  });
});

describe('require-internal-network fixes', () => {
  const lint = lintFor('c.yaml', ['require-internal-network']);

  it('are not offered when internal: true would cut a service off from the internet', () => {
    const text = 'services:\n  worker:\n    image: example/worker:1.0\n    environment:\n      OPENAI_API_BASE: https://api.openai.com/v1\n  db:\n    image: postgres:16\nnetworks:\n  default:\n    name: appnet\n';
    const outcome = fixText(text, 'c.yaml', lint);
    expect(outcome.applied).toEqual([]);
    expect(outcome.changed).toBe(false);
  });

  it('mark one network internal, then none that would leave its client without a way out', () => {
    // app keeps `cache` once `data` is internal; after that, `cache` is its last way out.
    const text = 'services:\n  app:\n    image: example/app:1.0\n    networks: [data, cache]\n  db:\n    image: postgres:16\n    networks: [data]\n  redis:\n    image: redis:7\n    networks: [cache]\nnetworks:\n  data:\n  cache:\n';
    const outcome = fixText(text, 'c.yaml', lint);
    expect(outcome.ok).toBe(true);
    expect(outcome.text).toContain('networks:\n  data:\n    internal: true\n  cache:\n');
    expect(outcome.text.endsWith('  cache:\n')).toBe(true);
  });
});

describe('runFixGate', () => {
  it('holds its invariants on the fix fixtures, and counts fixes and refusals', async () => {
    const { runFixGate } = await import('../src/fix/gate.js');
    const files = ['ports.yaml', 'hardening.yaml', 'networks.yaml', 'refused.yaml'].map((file) => ({ file, text: read(file) }));
    const report = runFixGate(files, (text, file) => lintFor(file)(text));
    expect(report.violations).toEqual([]);
    expect(report.files).toBe(4);
    expect(report.changed).toBe(4);
    expect(report.fixesApplied).toBeGreaterThan(20);
    expect(report.refusals).toBeGreaterThanOrEqual(4);
  });

  it('reports a fixer that breaks an invariant', async () => {
    const { runFixGate } = await import('../src/fix/gate.js');
    const text = 'services:\n  web:\n    image: webui:1.27\n    ports: ["90:90"]\n';
    let n = 0;
    // A lint that invents a new finding once the text changed: the gate must notice.
    const lint = (t: string, file: string): Finding[] => {
      const findings = lintFor(file, ['no-unbound-port'])(t);
      return t === text || n++ > 100 ? findings : [...findings, { ruleId: 'made-up', severity: 'error', message: 'x', file, line: 1, column: 1, endLine: 1, endColumn: 1 }];
    };
    expect(runFixGate([{ file: 'c.yaml', text }], lint).violations.map((v) => v.invariant)).toEqual(['accepted']);
  });
});
