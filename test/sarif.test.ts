/** SARIF reporter: structure, stable fingerprints, fixes, notifications, and the official 2.1.0 JSON schema. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type * as Sarif from 'sarif';
import { allRules } from '../rules/index.js';
import { resolveSettings } from '../src/engine/config.js';
import { lintText } from '../src/lint.js';
import { artifactLocation, FINGERPRINT_KEY, pascalCase, srcRootUri, toSarif } from '../src/reporters/sarif.js';
import type { Finding, LintResult } from '../src/types.js';
import { CONTEXT, INSECURE, RESULT, RULE_SETTINGS } from './golden/sample.js';
import { tempTree } from './tmp.js';

const require = createRequire(import.meta.url);
// The sample's rule settings name the sample's rules only: these tests state none.
const context = { ...CONTEXT, rules: allRules.map((r) => r.meta), ruleSettings: undefined };

function run(log: Sarif.Log): Sarif.Run {
  return log.runs[0]!;
}

/** Linted as the CLI does it: the result carries the text, which fingerprints read. */
function sarifOf(text: string): Sarif.Run {
  return run(toSarif({ results: [{ ...lintText(text, 'compose.yaml'), source: text }] }, context));
}

function fingerprints(text: string): Map<string, string> {
  const log = toSarif({ results: [{ ...lintText(text, 'compose.yaml'), source: text }] }, context);
  const out = new Map<string, string>();
  for (const r of run(log).results!) out.set(`${r.ruleId} ${r.message.text}`, r.partialFingerprints![FINGERPRINT_KEY]!);
  return out;
}

describe('sarif reporter', () => {
  it('describes the tool and every rule from metadata', () => {
    const driver = run(toSarif({ results: [] }, context)).tool.driver;
    expect(driver).toMatchObject({ name: 'compose-lint', version: '9.9.9', semanticVersion: '9.9.9' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules!.map((r) => r.id)).toEqual(allRules.map((r) => r.meta.id));
    const hostNetwork = driver.rules!.find((r) => r.id === 'no-host-network')!;
    expect(hostNetwork).toMatchObject({
      name: 'NoHostNetwork',
      shortDescription: { text: 'Do not use host networking.' },
      helpUri: expect.stringMatching(/\/no-host-network\.md$/),
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0', precision: 'high' },
    });
    expect(hostNetwork.properties!['tags']).toContain('security');
    expect(hostNetwork.help!.markdown).toContain('[Documentation](');
  });

  it('points results at their rule, with relative uris under %SRCROOT% and exact regions', () => {
    const log = toSarif(RESULT, CONTEXT);
    const { results, tool, columnKind, originalUriBaseIds } = run(log);
    expect(columnKind).toBe('utf16CodeUnits');
    expect(originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///project/' } });
    for (const r of results!) expect(tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
    const broken = results!.find((r) => r.ruleId === 'yaml-syntax')!;
    expect(broken.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'sub%20dir/broken.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 8, endLine: 2, endColumn: 9 },
    });
    expect(results!.map((r) => r.level)).toEqual(['warning', 'note', 'warning', 'error', 'error']);
  });

  it('uses file URLs for paths outside the working directory, and a trailing slash on %SRCROOT%', () => {
    expect(artifactLocation('/elsewhere/a b.yaml')).toEqual({ uri: 'file:///elsewhere/a%20b.yaml' });
    expect(srcRootUri('/')).toBe('file:///');
    expect(srcRootUri('/work/x')).toBe('file:///work/x/');
    expect(pascalCase('no-public-datastore-port')).toBe('NoPublicDatastorePort');
  });

  it('resolves uris against the repository root, so a run from a subdirectory gives the same uris and fingerprints', () => {
    const repo = tempTree('cl-sarif-root-', { '.git/HEAD': 'ref: refs/heads/main\n', 'deploy/app.compose.yaml': INSECURE });
    const sarifFrom = (cwd: string, file: string) => run(toSarif({ results: [lintText(INSECURE, file)] }, { ...context, cwd }));
    const atRoot = sarifFrom(repo, 'deploy/app.compose.yaml');
    const inDeploy = sarifFrom(join(repo, 'deploy'), 'app.compose.yaml');
    expect(inDeploy.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: srcRootUri(repo) } });
    const where = (r: Sarif.Run) => r.results!.map((x) => [x.locations![0]!.physicalLocation!.artifactLocation!.uri, x.partialFingerprints![FINGERPRINT_KEY]]);
    expect(where(inDeploy)).toEqual(where(atRoot));
    expect(where(inDeploy)[0]![0]).toBe('deploy/app.compose.yaml');
    // Without a repository, the working directory is the root.
    const plain = tempTree('cl-sarif-plain-', { 'compose.yaml': INSECURE });
    expect(run(toSarif({ results: [lintText(INSECURE, 'compose.yaml')] }, { ...context, cwd: plain })).originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: srcRootUri(plain) } });
  });

  it('keeps fingerprints when unrelated lines are added above, and tells findings apart', () => {
    const before = fingerprints(INSECURE);
    const shifted = `# a comment\nx-meta: {owner: ops}\n${INSECURE.replace('services:\n', 'services:\n  cache:\n    image: redis:7\n    networks: [back]\n')}networks:\n  back: {internal: true}\n`;
    const after = fingerprints(shifted);
    expect(before.size).toBeGreaterThanOrEqual(3);
    for (const [finding, print] of before) expect(after.get(finding), finding).toBe(print);
    expect(new Set(before.values()).size).toBe(before.size);
  });

  it('keeps fingerprints when services are added, though the messages count and name them', () => {
    const flat = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n    networks: [back]\n  api:\n    image: myapi:1.0\n    environment:\n      DB_HOST: db\n    networks: [back]\n  db:\n    image: postgres:16\n    networks: [back]\nnetworks:\n  back: {}\n';
    const grown = flat.replace('  db:\n', '  worker:\n    image: busybox:1.36\n    networks: [back]\n  cache:\n    image: redis:7\n    networks: [back]\n  db:\n');
    const byFinding = (r: Sarif.Run) => new Map(r.results!.map((x) => [`${x.ruleId} ${String(x.properties?.['service'] ?? '')} ${String(x.properties?.['network'] ?? '')}`, x]));
    const before = byFinding(sarifOf(flat));
    const after = byFinding(sarifOf(grown));
    for (const key of ['no-flat-network  back', 'require-internal-network  back', 'no-unrelated-datastore-access web back', 'no-unbound-port web ']) {
      const [was, now] = [before.get(key), after.get(key)];
      expect(was, key).toBeDefined();
      expect(now!.partialFingerprints, key).toEqual(was!.partialFingerprints);
    }
    // What changed is only the message: "all 3 services" became "all 5 services", and so on.
    for (const key of ['no-flat-network  back', 'require-internal-network  back', 'no-unrelated-datastore-access web back']) expect(after.get(key)!.message.text, key).not.toBe(before.get(key)!.message.text);
    expect(Object.keys(before.get('no-flat-network  back')!.partialFingerprints!)).toEqual(['composeLint/v2']);
  });

  it('does not hash a secret into a fingerprint: the value is masked first', () => {
    const secret = (value: string) => `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${value}\n`;
    const print = (text: string) => sarifOf(text).results!.find((r) => r.ruleId === 'no-hardcoded-secret')!.partialFingerprints![FINGERPRINT_KEY];
    expect(print(secret('Zx9kLmQ2wq'))).toBeDefined();
    // Another password of the same length: the same masked text, the same identity.
    expect(print(secret('Pa55w0rdXY'))).toBe(print(secret('Zx9kLmQ2wq')));
  });

  it('numbers identical findings so their fingerprints stay distinct', () => {
    const finding: Finding = { ruleId: 'no-unbound-port', severity: 'warning', message: 'same', file: 'c.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
    const log = toSarif({ results: [{ file: 'c.yaml', findings: [finding, { ...finding, line: 2, endLine: 2 }] }] }, context);
    const prints = run(log).results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]!);
    expect(prints[0]!.replace(/:1$/, ':2')).toBe(prints[1]);
  });

  it('turns a fix into artifact changes with character offsets', () => {
    const fixed = run(toSarif(RESULT, CONTEXT)).results!.find((r) => r.fixes)!;
    const text = RESULT.results[0]!.source!;
    const { charOffset, charLength } = fixed.fixes![0]!.artifactChanges[0]!.replacements[0]!.deletedRegion;
    expect(text.slice(charOffset!, charOffset! + charLength!)).toBe('"80:80"');
    expect(fixed.fixes![0]).toMatchObject({
      description: { text: 'bind the port to 127.0.0.1.' },
      artifactChanges: [{ artifactLocation: { uri: 'compose.yaml', uriBaseId: '%SRCROOT%' }, replacements: [{ insertedContent: { text: '"127.0.0.1:80:80"' } }] }],
    });
  });

  it('carries suppressions as accepted SARIF suppressions', () => {
    const suppressed = run(toSarif(RESULT, CONTEXT)).results!.filter((r) => r.suppressions);
    expect(suppressed.map((r) => r.suppressions)).toEqual([[{ kind: 'inSource', status: 'accepted', justification: 'scraped from the LAN only' }]]);
  });

  it('reports unreadable files and internal errors as failed execution with notifications', () => {
    const clean = run(toSarif({ results: [{ file: 'ok.yaml', findings: [] }] }, context));
    expect(clean.invocations).toEqual([{ executionSuccessful: true }]);
    expect(clean.results).toEqual([]);

    const crash: Finding = { ruleId: 'internal-error', severity: 'error', message: 'rule x failed: boom', messageId: 'crash', file: 'ok.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 };
    const result: LintResult = { results: [{ file: 'ok.yaml', findings: [crash] }, { file: 'gone.yaml', findings: [], error: { file: 'gone.yaml', message: 'ENOENT' } }] };
    const [invocation] = run(toSarif(result, context)).invocations!;
    expect(invocation!.executionSuccessful).toBe(false);
    const notes = invocation!.toolExecutionNotifications!;
    expect(notes.map((n) => [n.level, n.message.text, n.locations![0]!.physicalLocation!.artifactLocation!.uri])).toEqual([
      ['error', 'rule x failed: boom.', 'ok.yaml'],
      ['error', 'cannot lint gone.yaml: ENOENT.', 'gone.yaml'],
    ]);
    expect(notes[0]!.associatedRule!.id).toBe('internal-error');
  });

  it('states the rules this run turned off, re-levelled or gave other options as ruleConfigurationOverrides', () => {
    const metas = allRules.map((r) => r.meta);
    const settings = resolveSettings(allRules, 'recommended', new Map([
      ['no-unbound-port', { severity: 'error' }],
      ['no-host-network', { severity: 'off' }],
      ['no-over-connected-service', { options: { max: 4 } }],
      // Neither can be turned off: a file that does not parse, or a rule that crashed, is always reported.
      ['yaml-syntax', { severity: 'off' }],
      ['internal-error', { severity: 'off' }],
    ]));
    const log = toSarif({ results: [{ file: 'compose.yaml', findings: [] }] }, { ...context, ruleSettings: [{ file: 'compose.yaml', settings }] });
    const { tool, invocations } = run(log);
    const overrides = invocations![0]!.ruleConfigurationOverrides!;
    for (const o of overrides) expect(tool.driver.rules![o.descriptor.index!]!.id).toBe(o.descriptor.id);
    const byId = new Map(overrides.map((o) => [o.descriptor.id, o.configuration]));
    expect(byId.get('no-unbound-port')).toEqual({ enabled: true, level: 'error' });
    // Turned off, it keeps its default level: only `enabled` changed.
    expect(byId.get('no-host-network')).toEqual({ enabled: false, level: 'error' });
    expect(byId.get('no-over-connected-service')).toEqual({ enabled: true, level: 'warning', parameters: { max: 4 } });
    expect(byId.has('yaml-syntax')).toBe(false);
    expect(byId.has('internal-error')).toBe(false);
    // The recommended preset is the default: the strict-only rules it leaves off are not listed.
    expect([...byId.keys()].sort()).toEqual(['no-host-network', 'no-over-connected-service', 'no-unbound-port']);
    // The rule table keeps each rule's default: off for the strict-only rules.
    const strictOnly = metas.filter((m) => !m.recommended);
    expect(strictOnly.length).toBeGreaterThan(0);
    for (const meta of strictOnly) expect(tool.driver.rules!.find((r) => r.id === meta.id)!.defaultConfiguration, meta.id).toEqual({ enabled: false, level: meta.severity });
    expect(tool.driver.rules!.find((r) => r.id === 'no-host-network')!.defaultConfiguration).toEqual({ level: 'error' });
    expect(tool.driver.rules!.find((r) => r.id === 'no-over-connected-service')!.defaultConfiguration).toEqual({ level: 'warning', parameters: { max: 2 } });
  });

  it('states nothing when every project runs the defaults, or when the settings are not known', () => {
    const recommended = resolveSettings(allRules, 'recommended');
    const result = { results: [{ file: 'a.yaml', findings: [] }, { file: 'b.yaml', findings: [] }] };
    const same = run(toSarif(result, { ...context, ruleSettings: [{ file: 'a.yaml', settings: recommended }, { file: 'b.yaml', settings: resolveSettings(allRules, 'recommended') }] }));
    expect(same.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run(toSarif(result, context)).invocations).toEqual([{ executionSuccessful: true }]);
    // Options written in another order, or equal to the defaults, are the defaults.
    const explicit = resolveSettings(allRules, 'recommended', new Map([['no-over-connected-service', { options: { max: 2 } }]]));
    expect(run(toSarif(result, { ...context, ruleSettings: [{ file: 'a.yaml', settings: explicit }] })).invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('lists the strict-only rules as turned on when a run uses the strict preset', () => {
    const metas = allRules.map((r) => r.meta);
    const result = { results: [{ file: 'a.yaml', findings: [] }] };
    const overrides = run(toSarif(result, { ...context, ruleSettings: [{ file: 'a.yaml', settings: resolveSettings(allRules, 'strict') }] })).invocations![0]!.ruleConfigurationOverrides!;
    const strictOnly = metas.filter((m) => !m.recommended);
    expect(overrides.map((o) => o.descriptor.id).sort()).toEqual(strictOnly.map((m) => m.id).sort());
    for (const o of overrides) expect(o.configuration).toEqual({ enabled: true, level: metas.find((m) => m.id === o.descriptor.id)!.severity });
  });

  it('gives the setting most projects share and lists each project set otherwise, by its uri', () => {
    const metas = allRules.map((r) => r.meta);
    const plain = resolveSettings(allRules, 'recommended');
    const quiet = resolveSettings(allRules, 'recommended', new Map([['no-unbound-port', { severity: 'off' }]]));
    const loud = resolveSettings(allRules, 'recommended', new Map([['no-unbound-port', { severity: 'error' }]]));
    const files = ['a.yaml', 'dev/b.yaml', 'dev/c.yaml', 'e.yaml'];
    const result = { results: files.map((file) => ({ file, findings: [] })) };
    const ruleSettings = [{ file: files[0]!, settings: plain }, { file: files[1]!, settings: quiet }, { file: files[2]!, settings: quiet }, { file: files[3]!, settings: loud }];
    const [override, ...others] = run(toSarif(result, { ...context, ruleSettings })).invocations![0]!.ruleConfigurationOverrides!;
    expect(others).toEqual([]);
    expect(override).toEqual({
      descriptor: { id: 'no-unbound-port', index: metas.findIndex((m) => m.id === 'no-unbound-port') },
      configuration: { enabled: false, level: 'warning' },
      properties: {
        projects: [
          { artifactLocation: { uri: 'a.yaml', uriBaseId: '%SRCROOT%' }, configuration: { enabled: true, level: 'warning' } },
          { artifactLocation: { uri: 'e.yaml', uriBaseId: '%SRCROOT%' }, configuration: { enabled: true, level: 'error' } },
        ],
      },
    });
  });

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    // The schema uses `format` keywords ajv would need ajv-formats for; structure is what matters here.
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(schema);
    const crash: Finding = { ruleId: 'internal-error', severity: 'error', message: 'boom', file: 'a.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 };
    const configured = resolveSettings(allRules, 'recommended', new Map([['no-host-network', { severity: 'off' }], ['no-over-connected-service', { options: { max: 3 } }]]));
    const logs = [
      toSarif(RESULT, context),
      toSarif({ results: [{ file: 'a.yaml', findings: [crash] }] }, { ...context, ruleSettings: [{ file: 'a.yaml', settings: configured }] }),
      // The sample's overrides, one of them with a project set otherwise.
      toSarif(RESULT, { ...CONTEXT, ruleSettings: RULE_SETTINGS }),
    ];
    expect(logs[1]!.runs[0]!.invocations![0]!.ruleConfigurationOverrides!.length).toBeGreaterThan(0);
    expect(logs[2]!.runs[0]!.invocations![0]!.ruleConfigurationOverrides![0]!.properties).toBeDefined();
    for (const log of logs) {
      const valid = validate(JSON.parse(JSON.stringify(log)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });
});
