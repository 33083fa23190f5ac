import { linkSync, mkdtempSync, mkdirSync, readFileSync, statSync, lstatSync, readlinkSync, symlinkSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { resolveSettings } from '../src/engine/config.js';
import { computeFix, computeFixes, FIXERS, fixableRuleIds, fixText, isRefused, parseDocuments, splitShortPort, unifiedDiff, writeFileAtomic, applyTextEdits, offsetOf } from '../src/fix/index.js';
import { lintText } from '../src/lint.js';
import type { Finding } from '../src/types.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'fix');
const strict = resolveSettings(allRules, 'strict');

/** The lint callback the CLI passes (lintText applies suppressions); strict preset, or only the given rules so a fixture stays about its rules. */
function lintFor(file: string, only?: string[]): (text: string) => Finding[] {
  const settings = only ? resolveSettings(allRules, 'strict', new Map(allRules.filter((r) => !only.includes(r.meta.id)).map((r) => [r.meta.id, { severity: 'off' as const }]))) : strict;
  return (text) => lintText(text, file, { projectDir: dir }, settings).findings;
}

const FIXTURE_RULES: Record<string, string[]> = {
  ports: ['no-unbound-port', 'no-public-datastore-port'],
  hardening: ['no-privileged', 'no-unconfined-security-profile', 'require-no-new-privileges'],
  networks: ['require-internal-network'],
};

function read(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

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
    const text = 'services:\n  web:\r\n    image: nginx:1.27\r\n    privileged: false\r\n  api:\n    image: nginx:1.27\n';
    const outcome = fixText(text, 'c.yaml', lintFor('c.yaml', ['require-no-new-privileges']));
    expect(outcome.text).toBe('services:\n  web:\r\n    image: nginx:1.27\r\n    privileged: false\r\n    security_opt:\r\n      - no-new-privileges:true\r\n'
      + '  api:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n');
  });

  it('places every fixed or refused finding in the original text, whichever pass met it', () => {
    // Service a's security_opt is inserted right after its port, so its port waits for the second pass, on a text with more lines.
    const two = 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n  b:\n    image: nginx:1.27\n    ports:\n      - "81:81"\n';
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
    expect(first.fix.description).toBe('bind port "80:80" of service "web" to 127.0.0.1: only this host (and a reverse proxy on it) can reach it; other machines lose access');
    expect(first.fix.edits).toEqual([{ file: 'ports.yaml', start: expect.any(Number), end: expect.any(Number), text: '"127.0.0.1:80:80"' }]);
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
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80" # compose-lint-disable-line no-unbound-port -- public site\n';
    const outcome = fixText(text, 'c.yaml', lintFor('c.yaml'));
    expect(outcome.applied.filter((a) => a.finding.ruleId === 'no-unbound-port')).toEqual([]);
    expect(outcome.text).toContain('- "80:80" # compose-lint-disable-line');
  });

  it('rejects a result that introduces findings', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n';
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
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    ports: ["80:80"]\n';
    const saved = FIXERS['no-privileged']!;
    // A fixer gone wrong: its edit leaves an unclosed flow sequence.
    FIXERS['no-privileged'] = (context) => ({ description: 'broken', edits: [{ start: context.offset, end: context.offset + 4, text: '[' }] });
    try {
      const lint = lintFor('c.yaml', ['no-privileged', 'no-unbound-port']);
      const outcome = fixText(text, 'c.yaml', lint);
      expect(outcome.ok).toBe(true);
      expect(outcome.applied.map((a) => a.finding.ruleId)).toEqual(['no-unbound-port']);
      expect(outcome.refused.map((r) => `${r.finding.ruleId}: ${r.reason}`)).toEqual(['no-privileged: the edit would not leave valid YAML']);
      expect(outcome.text).toBe(text.replace('"80:80"', '"127.0.0.1:80:80"'));
      // The same with Documents handed over by the lint, as the CLI does.
      const withDocuments = fixText(text, 'c.yaml', (t) => ({ findings: lint(t), documents: parseDocuments(t) }));
      expect(withDocuments.text).toBe(outcome.text);
      expect(withDocuments.refused).toEqual(outcome.refused);
    } finally {
      FIXERS['no-privileged'] = saved;
    }
  });
});

describe('no-unbound-port message and fix', () => {
  const unbound = (ports: string[]): Finding[] => {
    const text = `services:\n  vnc:\n    image: example/vnc:1.0\n    ports:\n${ports.map((p) => `      - ${p}\n`).join('')}`;
    return lintText(text, 'c.yaml', { preset: 'strict', fixes: true }).findings.filter((f) => f.ruleId === 'no-unbound-port');
  };

  it('suggest the port the fix writes, protocol included as written', () => {
    const ports = ['"5900:5900/tcp"', '5901:5901/UDP', '"9000-9001:9000-9001/udp"', '"8080"', '"0.0.0.0:8443:443"', '"[::]:9443:443/tcp"', '"80:80"'];
    const findings = unbound(ports);
    expect(findings).toHaveLength(ports.length);
    for (const finding of findings) {
      const suggestion = /\("([^"]+)"\)/.exec(finding.message)?.[1];
      expect(finding.fix?.edits[0]?.text.replace(/^"|"$/g, '')).toBe(suggestion);
    }
    expect(findings[0]!.message).toContain('("127.0.0.1:5900:5900/tcp")');
  });

  it('name a long-syntax port with its protocol in the fix description as in the message', () => {
    const [finding] = unbound(['{ target: 80, published: 8081, protocol: udp }']);
    expect(finding!.message).toContain('port "8081:80/udp"');
    expect(finding!.fix?.description).toContain('bind port "8081:80/udp"');
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

describe('computeFix', () => {
  it('returns undefined for rules without a fixer, and a refusal for YAML errors', () => {
    const finding: Finding = { ruleId: 'no-unbound-port', messageId: 'unbound', severity: 'warning', message: 'm', file: 'c.yaml', line: 4, column: 16, endLine: 4, endColumn: 23, service: 'web' };
    expect(computeFix({ ...finding, ruleId: 'no-host-network' }, { text: '' })).toBeUndefined();
    expect(computeFix(finding, { text: 'a: [\n' })).toEqual({ refused: 'the file has YAML errors' });
    expect(computeFix({ ...finding, ruleId: 'require-internal-network', messageId: 'notInternalSplit' }, { text: 'a: 1\n' })).toBeUndefined();
  });

  it('finds the right document of a multi-document file', () => {
    const text = 'services:\n  a:\n    image: x:1\n---\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n';
    const finding: Finding = { ruleId: 'no-unbound-port', messageId: 'unbound', severity: 'warning', message: 'm', file: 'c.yaml', line: 8, column: 13, endLine: 8, endColumn: 20, service: 'web' };
    const fix = computeFix(finding, { text })!;
    expect(isRefused(fix)).toBe(false);
    if (!isRefused(fix)) expect(applyTextEdits(text, fix.edits)).toContain('ports: ["127.0.0.1:80:80"]');
  });

  it('counts columns as the loader does, also with CRLF line ends', () => {
    expect(offsetOf('a\r\nbc\n', 2, 2)).toBe(4);
  });
});

describe('OriginalPositions', () => {
  it('maps a position after edits back, and one inside new text to where that text went in', async () => {
    const { OriginalPositions } = await import('../src/fix/positions.js');
    const original = 'a: 1\nb: "80:80"\nc: 3\nd: 4\n';
    const edits = [{ start: 8, end: 15, text: '"127.0.0.1:80:80"' }, { start: 16, end: 21, text: '' }, { start: 26, end: 26, text: 'e: 5\n' }];
    const positions = new OriginalPositions(original);
    positions.addPass(edits);
    const after = applyTextEdits(original, edits);
    expect(after).toBe('a: 1\nb: "127.0.0.1:80:80"\nd: 4\ne: 5\n');
    const at = (line: number, column: number, endLine: number, endColumn: number): Finding => ({ ruleId: 'r', severity: 'warning', message: 'm', file: 'c.yaml', line, column, endLine, endColumn });
    const map = positions.mapper(after);
    // `d: 4` moved up a line; the rewritten value spans its original text; the appended line sits where it was added.
    expect(map(at(3, 1, 3, 5))).toMatchObject({ line: 4, column: 1, endLine: 4, endColumn: 5 });
    expect(map(at(2, 4, 2, 21))).toMatchObject({ line: 2, column: 4, endLine: 2, endColumn: 11 });
    expect(map(at(4, 1, 4, 5))).toMatchObject({ line: 5, column: 1, endLine: 5, endColumn: 1 });
  });
});

describe('applyTextEdits', () => {
  it('makes edits as if from the end of the file: a later insertion at one offset lands first', () => {
    const text = 'abcdef';
    expect(applyTextEdits(text, [{ start: 1, end: 2, text: 'B' }, { start: 4, end: 4, text: '1' }, { start: 4, end: 4, text: '2' }, { start: 0, end: 0, text: '>' }])).toBe('>aBcd21ef');
    expect(applyTextEdits(text, [{ start: 2, end: 4, text: 'X' }, { start: 2, end: 2, text: 'i' }])).toBe('abiXef');
    expect(applyTextEdits(text, [])).toBe(text);
  });
});

describe('computeFixes', () => {
  it('gives every finding of a file what computeFix gives it alone', () => {
    for (const name of ['ports', 'hardening', 'networks', 'refused']) {
      const text = read(`${name}.yaml`);
      const findings = lintFor(`${name}.yaml`)(text);
      expect(findings.length).toBeGreaterThan(0);
      expect(computeFixes(findings, { text })).toEqual(findings.map((f) => computeFix(f, { text })));
    }
  });

  it('verifies overlapping edits in separate groups, each fix still handed out (the same finding twice)', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n';
    const finding: Finding = { ruleId: 'no-unbound-port', messageId: 'unbound', severity: 'warning', message: 'm', file: 'c.yaml', line: 4, column: 13, endLine: 4, endColumn: 20, service: 'web' };
    const [a, b] = computeFixes([finding, finding], { text });
    expect(a).toEqual(computeFix(finding, { text }));
    expect(b).toEqual(a);
    if (a && !isRefused(a)) expect(applyTextEdits(text, a.edits)).toContain('ports: ["127.0.0.1:80:80"]');
  });
});

describe('the fixer table', () => {
  it('names only rules that exist', () => {
    const ids = new Set(allRules.map((r) => r.meta.id));
    for (const key of Object.keys(FIXERS)) {
      const [ruleId, messageId] = key.split('/') as [string, string?];
      expect(ids, key).toContain(ruleId);
      if (messageId) expect(Object.keys(allRules.find((r) => r.meta.id === ruleId)!.meta.messages), key).toContain(messageId);
    }
  });

  it('covers exactly the rules marked fixable', () => {
    const fixable = allRules.filter((r) => r.meta.fixable).map((r) => r.meta.id).sort();
    expect(fixable).toEqual(fixableRuleIds());
    expect(fixable.length).toBeGreaterThan(0);
  });
});

describe('splitShortPort', () => {
  it.each([
    ['80', { published: '', target: '80' }],
    ['8080:80', { published: '8080', target: '80' }],
    ['0.0.0.0:8080:80/udp', { ip: '0.0.0.0', published: '8080', target: '80/udp' }],
    ['[::]:8080:80', { ip: '[::]', published: '8080', target: '80' }],
    ['127.0.0.1::80', { ip: '127.0.0.1', published: '', target: '80' }],
    ['9000-9001:9000-9001', { published: '9000-9001', target: '9000-9001' }],
  ])('%s', (text, expected) => {
    expect(splitShortPort(text)).toEqual(expected);
  });
  it('rejects what it cannot read', () => {
    expect(splitShortPort('::1:80:80')).toBeUndefined();
    expect(splitShortPort('web')).toBeUndefined();
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with context, and nothing for equal texts', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const after = before.replace('b\n', 'B\n').replace('i\n', '');
    expect(unifiedDiff(before, after, 'c.yaml', [], 1)).toBe(['--- a/c.yaml', '+++ b/c.yaml', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c', '@@ -8,3 +8,2 @@', ' h', '-i', ' j', ''].join('\n'));
    expect(unifiedDiff(before, before, 'c.yaml')).toBe('');
    // Secrets next to a fix stay masked in its context lines.
    expect(unifiedDiff('A: 1\nPASSWORD: hunter2hunter2\n', 'A: 2\nPASSWORD: hunter2hunter2\n', 'c.yaml', ['hunter2hunter2'])).toContain(' PASSWORD: **************\n');
  });
  it('marks a missing final newline and merges nearby changes', () => {
    expect(unifiedDiff('a\nb', 'a\nc', 'f')).toBe(['--- a/f', '+++ b/f', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+c', '\\ No newline at end of file', ''].join('\n'));
    expect(unifiedDiff('1\n2\n3\n4\n', '0\n2\n3\n5\n', 'f').split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,4 +1,4 @@']);
    expect(unifiedDiff('', 'x\n', 'f')).toContain('@@ -0,0 +1,1 @@');
  });
  it('names the file as given, without quoting', () => {
    expect(unifiedDiff('a\n', 'b\n', 'dévelop/my compose.yaml').split('\n').slice(0, 2)).toEqual(['--- a/dévelop/my compose.yaml', '+++ b/dévelop/my compose.yaml']);
  });
  it('diffs a big file changed at both ends without a table of every pair of lines', () => {
    // The hand-written LCS before took lines x lines of memory here: 1.6 GB.
    const lines = Array.from({ length: 20_000 }, (_, i) => `  s${i}: {}`);
    const before = lines.join('\n') + '\n';
    const after = ['  first: {}', ...lines.slice(1, -1), '  last: {}'].join('\n') + '\n';
    expect(unifiedDiff(before, after, 'f').split('\n').filter((l) => /^[-+@]/.test(l))).toEqual([
      '--- a/f', '+++ b/f', '@@ -1,4 +1,4 @@', '-  s0: {}', '+  first: {}', '@@ -19997,4 +19997,4 @@', '-  s19999: {}', '+  last: {}',
    ]);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file, keeps its mode and leaves no temporary file', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'compose-lint-fix-'));
    const path = join(tmp, 'compose.yaml');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o640);
    await writeFileAtomic(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(tmp)).toEqual(['compose.yaml']);
    await expect(writeFileAtomic(join(tmp, 'missing.yaml'), 'x')).rejects.toThrow();
  });

  it('rewrites a hard-linked file in place, so every name of it gets the text', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'compose-lint-fix-'));
    writeFileSync(join(tmp, 'compose.yaml'), 'old\n');
    linkSync(join(tmp, 'compose.yaml'), join(tmp, 'also.yaml'));
    const inode = statSync(join(tmp, 'compose.yaml')).ino;
    await writeFileAtomic(join(tmp, 'compose.yaml'), 'new\n');
    expect(readFileSync(join(tmp, 'also.yaml'), 'utf8')).toBe('new\n');
    expect(statSync(join(tmp, 'compose.yaml')).ino).toBe(inode);
    expect(readdirSync(tmp).sort()).toEqual(['also.yaml', 'compose.yaml']);
  });

  it('writes through a symlink: the link stays, its target gets the text and keeps its mode', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'compose-lint-fix-'));
    mkdirSync(join(tmp, 'real'));
    mkdirSync(join(tmp, 'proj'));
    writeFileSync(join(tmp, 'real', 'compose.yaml'), 'old\n');
    chmodSync(join(tmp, 'real', 'compose.yaml'), 0o640);
    symlinkSync('../real/compose.yaml', join(tmp, 'proj', 'compose.yaml'));
    await writeFileAtomic(join(tmp, 'proj', 'compose.yaml'), 'new\n');
    expect(lstatSync(join(tmp, 'proj', 'compose.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(tmp, 'proj', 'compose.yaml'))).toBe('../real/compose.yaml');
    expect(readFileSync(join(tmp, 'real', 'compose.yaml'), 'utf8')).toBe('new\n');
    expect(statSync(join(tmp, 'real', 'compose.yaml')).mode & 0o777).toBe(0o640);
    // The temporary file was made beside the target and renamed away: none left in either directory.
    expect(readdirSync(join(tmp, 'real'))).toEqual(['compose.yaml']);
    expect(readdirSync(join(tmp, 'proj'))).toEqual(['compose.yaml']);
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
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n';
    let n = 0;
    // A lint that invents a new finding once the text changed: the gate must notice.
    const lint = (t: string, file: string): Finding[] => {
      const findings = lintFor(file, ['no-unbound-port'])(t);
      return t === text || n++ > 100 ? findings : [...findings, { ruleId: 'made-up', severity: 'error', message: 'x', file, line: 1, column: 1, endLine: 1, endColumn: 1 }];
    };
    expect(runFixGate([{ file: 'c.yaml', text }], lint).violations.map((v) => v.invariant)).toEqual(['accepted']);
  });
});
