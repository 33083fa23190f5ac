/**
 * Property tests: whatever the input, linting never throws, exits 0, 1 or 2,
 * locates findings inside the file, produces schema-valid JSON and SARIF, and
 * is deterministic. FUZZ_RUNS raises the run count (`npm run fuzz`); a failing
 * input is saved to fixtures/regressions/ when FUZZ_SAVE=1, and every file there
 * is replayed below.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { allRules } from '../rules/index.js';
import { exitCode } from '../src/engine/exit.js';
import { lintText } from '../src/lint.js';
import { decodeSource } from '../src/loader/read.js';
import { formatJson } from '../src/reporters/json.js';
import { formatSarif } from '../src/reporters/sarif.js';
import type { FileResult, LintResult } from '../src/types.js';

const repo = join(import.meta.dirname, '..');
const regressions = join(repo, 'fixtures', 'regressions');
const runs = Number(process.env['FUZZ_RUNS'] ?? 0);
const require = createRequire(import.meta.url);
const context = { rules: allRules.map((r) => r.meta), toolVersion: '0.0.0', cwd: '/project', color: false };
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json'), 'utf8')) as object;
const validateSarif = new Ajv2020({ strict: false, validateFormats: false }).compile(sarifSchema);
const validateJson = new Ajv().compile(JSON.parse(readFileSync(join(repo, 'docs', 'json-output.schema.json'), 'utf8')) as object);

/** Lints bytes as one file in an empty project, the way the CLI would after reading it. */
function lintBytes(bytes: Uint8Array): FileResult {
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return { file: 'compose.yaml', findings: [], error: { file: 'compose.yaml', message: decoded.message } };
  return lintText(decoded.text, 'compose.yaml', { cwd: '/nonexistent-fuzz-project' });
}

/** Every property at once; returns a reason when one fails. */
function check(bytes: Uint8Array): string | undefined {
  const result = lintBytes(bytes);
  const lint: LintResult = { results: [result] };
  const code = exitCode(lint, { maxWarnings: -1 });
  if (![0, 1, 2].includes(code)) return `exit code ${code}`;
  if (result.error === undefined) {
    const lines = new TextDecoder().decode(bytes.subarray(bytes[0] === 0xef ? 3 : 0)).split('\n');
    for (const f of result.findings) {
      if (f.file !== 'compose.yaml') continue;
      const inside = (line: number, column: number) => line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
      const ordered = f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column);
      if (!inside(f.line, f.column) || !inside(f.endLine, f.endColumn) || !ordered) return `finding outside the file: ${JSON.stringify(f)}`;
    }
  }
  const json = formatJson(lint, context);
  if (!validateJson(JSON.parse(json))) return `json schema: ${JSON.stringify(validateJson.errors)}`;
  const sarif = formatSarif(lint, context);
  if (!validateSarif(JSON.parse(sarif))) return `sarif schema: ${JSON.stringify(validateSarif.errors)}`;
  const again = { results: [lintBytes(bytes)] };
  if (formatJson(again, context) !== json || formatSarif(again, context) !== sarif) return 'not deterministic';
  return undefined;
}

function holds(bytes: Uint8Array): boolean {
  let reason: string | undefined;
  try {
    reason = check(bytes);
  } catch (error) {
    reason = `threw: ${(error as Error).stack ?? String(error)}`;
  }
  if (reason !== undefined && process.env['FUZZ_SAVE'] === '1') {
    mkdirSync(regressions, { recursive: true });
    const name = `fuzz-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.yaml`;
    writeFileSync(join(regressions, name), bytes);
  }
  if (reason !== undefined) throw new Error(reason);
  return true;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

// A model of the compose schema: the keys the rules look at, with plausible and implausible values.
const scalar = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer({ min: -2, max: 70_000 }), fc.double({ noNaN: false }),
  fc.constantFrom('yes', 'on', '0777', '0o640', '', '~', '*', '${X}', '${X:-d}', '${X:?e}', '$$', '127.0.0.1', '::', 'host', 'ALL', 'root', '0'),
  fc.string({ maxLength: 12 }),
);
const junk = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }));
const port = fc.oneof(
  fc.constantFrom('80', '80:80', '127.0.0.1:5432:5432', '[::1]:80:80', '8000-8010:8000-8010', '53:53/udp', '${P}:80', '0.0.0.0:6379:6379'),
  fc.record({ target: fc.integer({ min: 0, max: 70_000 }), published: fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.string({ maxLength: 6 })), host_ip: fc.constantFrom('127.0.0.1', '0.0.0.0', '::') }, { requiredKeys: ['target'] }),
);
const service = fc.record({
  image: fc.constantFrom('nginx', 'postgres:16', 'redis@sha256:' + 'a'.repeat(64), 'mysql:latest', '${IMAGE}', 'mongo:7'),
  ports: fc.array(port, { maxLength: 3 }),
  networks: fc.oneof(fc.array(fc.constantFrom('front', 'back', 'default', 'missing'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('front', 'back'), fc.oneof(fc.constant(null), fc.record({ aliases: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }), ipv4_address: fc.constantFrom('10.0.0.5', '300.1.1.1') })))),
  network_mode: fc.constantFrom('host', 'bridge', 'none', 'service:db', 'container:x'),
  privileged: fc.oneof(fc.boolean(), fc.constantFrom('yes', 'true')),
  user: fc.constantFrom('root', '0', '1000:1000', '0:0'),
  volumes: fc.array(fc.oneof(fc.constantFrom('/var/run/docker.sock:/var/run/docker.sock', './data:/data:ro', '/:/host', 'named:/x', '~/.ssh:/root/.ssh'), fc.record({ type: fc.constantFrom('bind', 'volume', 'tmpfs'), source: fc.string({ maxLength: 8 }), target: fc.string({ maxLength: 8 }) })), { maxLength: 3 }),
  environment: fc.oneof(fc.dictionary(fc.constantFrom('DB_PASSWORD', 'API_TOKEN', 'HOST', 'DATABASE_URL', 'X'), scalar), fc.array(fc.constantFrom('DB_PASSWORD=hunter2hunter2', 'DATABASE_URL=postgres://u:p4ssw0rd@db/x', 'A'), { maxLength: 3 })),
  cap_add: fc.array(fc.constantFrom('SYS_ADMIN', 'NET_ADMIN', 'ALL', 'CHOWN'), { maxLength: 2 }),
  security_opt: fc.array(fc.constantFrom('seccomp:unconfined', 'no-new-privileges:true', 'apparmor=unconfined'), { maxLength: 2 }),
  depends_on: fc.oneof(fc.array(fc.constantFrom('db', 'web', 'nope'), { maxLength: 2 }), fc.dictionary(fc.constantFrom('db', 'web'), fc.record({ condition: fc.constantFrom('service_healthy', 'x') }))),
  pid: fc.constantFrom('host', 'service:db'),
  extends: fc.oneof(fc.constant('db'), fc.record({ service: fc.constantFrom('db', 'web'), file: fc.constantFrom('other.yaml', 'missing.yaml') })),
}, { requiredKeys: [] });
const project = fc.record({
  name: fc.string({ maxLength: 8 }),
  services: fc.dictionary(fc.constantFrom('web', 'db', 'cache', 'api', 'x.y', ''), fc.oneof({ weight: 5, arbitrary: service }, { weight: 1, arbitrary: junk }), { maxKeys: 4 }),
  networks: fc.dictionary(fc.constantFrom('front', 'back', 'default'), fc.oneof(fc.constant(null), fc.record({ internal: fc.boolean(), driver: fc.constantFrom('bridge', 'host', 'overlay'), ipam: fc.record({ config: fc.array(fc.record({ subnet: fc.constantFrom('10.0.0.0/24', '10.0.0.0/16', 'x/99') }), { maxLength: 2 }) }) }, { requiredKeys: [] }))),
  volumes: fc.dictionary(fc.string({ maxLength: 5 }), fc.constant(null), { maxKeys: 2 }),
  include: fc.array(fc.constantFrom('missing.yaml', 'https://example.com/x.yaml'), { maxLength: 1 }),
}, { requiredKeys: [] });

/** A path into the object (as numbers picking among keys) and a replacement: the schema-model mutations. */
const mutation = fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.oneof(junk, fc.constant(undefined)));
function mutate(value: unknown, [path, replacement]: [number[], unknown]): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return value;
  const key = keys[path[0]! % keys.length]!;
  const copy: Record<string, unknown> = Array.isArray(value) ? [...value] as never : { ...value };
  copy[key] = mutate(copy[key], [path.slice(1), replacement]);
  return copy;
}

const yamlText = fc.tuple(project, fc.array(mutation, { maxLength: 3 }), fc.boolean()).map(([p, mutations, flow]) => {
  const mutated = mutations.reduce<unknown>((v, m) => mutate(v, m), p);
  return stringify(mutated ?? null, flow ? { collectionStyle: 'flow' } : {});
});
// Text-level damage to valid YAML: inserted YAML indicators, deleted spans, CRLF and tabs.
const damaged = fc.tuple(yamlText, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom('', '&a ', '*a', '<<: ', '- ', '[', '{', '}', ']', ':', '#', '"', "'", '\t', '\r\n', '\n  ', '---\n', '!!binary ', '? ', '|', '%YAML 1.1\n')), { maxLength: 4 }))
  .map(([text, edits]) => edits.reduce((t, [at, del, ins]) => {
    const i = t.length === 0 ? 0 : at % (t.length + 1);
    return t.slice(0, i) + ins + t.slice(i + del);
  }, text));

const bounded = (n: number) => ({ numRuns: runs || n, seed: runs ? undefined : 42 });

describe('fuzzing: properties of every lint run', () => {
  it('arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), holds), bounded(60));
  });

  it('arbitrary strings, including YAML punctuation', () => {
    const chars = fc.constantFrom(...'abc:-[]{}&*!|>\'"#%@`,? \n\t\r\\~0123456789$'.split(''));
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: chars, maxLength: 120 })).map(utf8), holds), bounded(100));
  });

  it('arbitrary YAML documents', () => {
    const doc = fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v));
    fc.assert(fc.property(doc.map(utf8), holds), bounded(50));
  });

  it('compose-shaped projects from a schema model, mutated', () => {
    fc.assert(fc.property(yamlText.map(utf8), holds), bounded(50));
  });

  it('compose-shaped projects with damaged text', () => {
    fc.assert(fc.property(damaged.map(utf8), holds), bounded(60));
  });

  it('replays every saved regression', () => {
    const files = readdirSync(regressions).filter((f) => f !== 'README.md');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(holds(readFileSync(join(regressions, file))), file).toBe(true);
  });
});
