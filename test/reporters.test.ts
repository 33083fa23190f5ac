/** text, json and github reporters, and the dispatch. SARIF has its own test files. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { lintFiles } from '../src/lint.js';
import { escapeData, escapeProperty, formatGithub } from '../src/reporters/github.js';
import { formatResult, FORMATS, isFormat } from '../src/reporters/index.js';
import { formatJson, toJsonReport, type JsonReport } from '../src/reporters/json.js';
import { formatText } from '../src/reporters/text.js';
import type { Finding, LintResult } from '../src/types.js';
import { CONTEXT, RESULT } from './golden/sample.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = 'fixtures/reporters/insecure/compose.yaml';
const hostFinding: Finding = { ruleId: 'no-host-network', severity: 'error', message: 'host networking.', file: fixture, line: 13, column: 5, endLine: 13, endColumn: 23 };

describe('text reporter', () => {
  it('emits no escape sequence at all when colour is off, even from hostile input or friendly\'s iTerm hint', () => {
    const hostile: LintResult = {
      results: [{ file: 'evil\x1b]0;title\x07.yaml', source: 'a: "\x1b[2J"\n', findings: [{ ...hostFinding, file: 'evil.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'bad \x1b[31mred\x9b' }] }],
    };
    const saved = process.env['FORCE_ITERM_HINT'];
    process.env['FORCE_ITERM_HINT'] = 'true';
    try {
      const out = formatText(hostile, { ...CONTEXT, color: false });
      expect(out).not.toMatch(/[\x1b\x9b\x07]/);
      expect(out).toContain('bad \\x1b[31mred\\x9b');
      // With colour allowed, friendly's iTerm hint survives (chalk itself is off: tests do not run in a terminal).
      expect(formatText(hostile, { ...CONTEXT, color: true })).toMatch(/\x1b\]1337;CurrentDir=/);
    } finally {
      if (saved === undefined) delete process.env['FORCE_ITERM_HINT'];
      else process.env['FORCE_ITERM_HINT'] = saved;
    }
  });

  it('marks notes, links rules to compose-lint docs, and keeps friendly\'s environment as it was', () => {
    delete process.env['EFF_NO_LINK_RULES'];
    const out = formatText(RESULT, CONTEXT);
    expect(out).toContain('note: network "backend" carries PostgreSQL');
    expect(out).toContain('https://github.com/compose-lint/compose-lint/blob/main/docs/rules/no-host-network.md');
    expect(out).not.toContain('eslint.org');
    expect(out).toContain('✘ 4 problems (2 errors, 1 warning, 1 note)');
    expect(process.env['EFF_NO_LINK_RULES']).toBeUndefined();
  });

  it('prints unreadable files as path: error: message, with the position when known', () => {
    const result: LintResult = {
      results: [
        { file: 'gone.yaml', findings: [], error: { file: 'gone.yaml', message: 'ENOENT: no such file' } },
        { file: 'bad.yaml', findings: [], error: { file: 'bad.yaml', message: 'invalid UTF-8', line: 3, column: 7 } },
      ],
    };
    expect(formatText(result, CONTEXT)).toBe('gone.yaml: error: ENOENT: no such file\nbad.yaml:3:7: error: invalid UTF-8\n\n✘ 2 files checked: 2 could not be read\n');
  });

  it('cuts long lines in code frames (a minified JSON file), keeping positions exact', () => {
    const line = `{"services":{${Array.from({ length: 100 }, (_, i) => `"s${i}":{"image":"nginx:1.27","network_mode":"host"}`).join(',')}}}`;
    const findings: Finding[] = [10, 60, 90].map((i) => {
      const column = line.indexOf(`"s${i}"`) + 1;
      return { ...hostFinding, file: 'compose.json', line: 1, column, endLine: 1, endColumn: column + 4 };
    });
    const out = formatText({ results: [{ file: 'compose.json', findings, source: `${line}\n` }] }, CONTEXT);
    expect(line.length).toBeGreaterThan(4000);
    // Under 2000 rather than ~420: where chalk sees colour support (CI=true), code-frame highlights
    // and pads its marker over the escape codes too, before they are stripped.
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThan(2000);
    expect(out).toContain(`… (${line.length} characters)`);
    for (const f of findings) expect(out).toContain(`compose.json:1:${f.column}`);
  });

  it('never cuts a long line inside a surrogate pair', async () => {
    const { shortenLongLines, FRAME_LINE_LIMIT } = await import('../src/reporters/text.js');
    const line = `${'a'.repeat(FRAME_LINE_LIMIT - 1)}${'😀'.repeat(300)}`;
    const cut = shortenLongLines(line)!;
    expect(cut.startsWith(`${'a'.repeat(FRAME_LINE_LIMIT - 1)} …`)).toBe(true);
    expect(shortenLongLines('short\nlines')).toBe('short\nlines');
  });

  it('says so when everything is clean', () => {
    expect(formatText({ results: [{ file: 'a.yaml', findings: [] }] }, CONTEXT)).toBe('✔ 1 file checked: no problems\n');
    // One project whose findings are in its compose file and its override file: one project with problems.
    const override: Finding = { ...hostFinding, file: 'compose.override.yaml', line: 2, column: 3, endLine: 2, endColumn: 4 };
    const merged = formatText({ results: [{ file: 'compose.yaml', findings: [{ ...hostFinding, file: 'compose.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 }, override], source: 'a: 1\n', otherSources: { 'compose.override.yaml': 'b:\n  c: 1\n' } }] }, CONTEXT);
    expect(merged.trimEnd().split('\n').at(-1)).toBe('✘ 1 file checked: 1 with problems');
    // Read and linted, but an included file is missing: not counted as unreadable.
    const included = formatText({ results: [{ file: 'compose.yaml', findings: [{ ...hostFinding, file: 'compose.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 }], source: 'a: 1\n', error: { file: 'compose.yaml', message: 'missing/compose.yaml: no such file (included from compose.yaml)', partial: true } }] }, CONTEXT);
    expect(included.trimEnd().split('\n').at(-1)).toBe('✘ 1 file checked: 1 with problems, 1 missing a file it uses');
  });

  it('reads the source from disk for code frames when the result carries none, and copes when it is gone', () => {
    const fromDisk = formatText({ results: [{ file: fixture, findings: [hostFinding] }] }, { ...CONTEXT, cwd: root });
    expect(fromDisk).toContain('> 13 |     network_mode: host');
    const gone = formatText({ results: [{ file: 'nowhere/compose.yaml', findings: [{ ...hostFinding, file: 'nowhere/compose.yaml' }] }] }, { ...CONTEXT, cwd: root });
    expect(gone).toContain('nowhere/compose.yaml:13:5');
    expect(gone).not.toContain(' | ');
  });
});

describe('json reporter', () => {
  const schema = JSON.parse(readFileSync(join(root, 'docs/json-output.schema.json'), 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it('matches the documented schema, for the sample and for a real lint', async () => {
    const real = await lintFiles([join(root, fixture)], { cwd: root });
    for (const result of [RESULT, real, { results: [] }]) {
      const report = JSON.parse(formatJson(result, CONTEXT)) as unknown;
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ ...toJsonReport(RESULT, CONTEXT), extra: 1 })).toBe(false);
  });

  it('has one entry per finding with service, network, docs link and fix, and counts unsuppressed findings', () => {
    const report: JsonReport = toJsonReport(RESULT, CONTEXT);
    expect(report.tool).toEqual({ name: 'compose-lint', version: '9.9.9' });
    expect(report.findings).toHaveLength(5);
    const note = report.findings.find((f) => f.severity === 'note')!;
    expect(note).toMatchObject({ service: 'db', network: 'backend', fix: null, suppression: null });
    expect(report.findings.find((f) => f.fix)!.fix!.edits[0]!.text).toBe('"127.0.0.1:80:80"');
    expect(report.fileErrors).toEqual([{ file: 'stack/missing.yaml', message: 'ENOENT: no such file or directory', line: null, column: null }]);
    expect(report.summary).toEqual({ files: 3, unreadableFiles: 1, errors: 2, warnings: 1, notes: 1, fixable: 1, suppressed: 1 });
  });
});

describe('github reporter', () => {
  it('escapes data and property values as the Actions runner expects', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('dir: a,b/100%.yaml\n')).toBe('dir%3A a%2Cb/100%25.yaml%0A');
  });

  it('maps severities to error, warning and notice, skips suppressed findings and reports unreadable files', () => {
    const out = formatGithub(RESULT, CONTEXT).trimEnd().split('\n');
    expect(out.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::warning', '::notice', '::error', '::error', '::error']);
    expect(out[0]).toBe('::warning file=compose.yaml,line=5,col=9,endLine=5,endColumn=16,title=no-unbound-port::port "80:80" of service "web" is published on all host interfaces');
    expect(out).toContain('::error file=stack/missing.yaml,title=compose-lint::cannot lint stack/missing.yaml: ENOENT: no such file or directory');
    expect(out.join('\n')).not.toContain('9100');
    const multiline = formatGithub({ results: [{ file: 'a,b:c.yaml', findings: [{ ...hostFinding, file: 'a,b:c.yaml', message: 'x\ny 5%' }] }] }, CONTEXT);
    expect(multiline).toBe('::error file=a%2Cb%3Ac.yaml,line=13,col=5,endLine=13,endColumn=23,title=no-host-network::x%0Ay 5%25\n');
  });
});

describe('format dispatch', () => {
  it('knows every format and loads each reporter', async () => {
    expect(FORMATS).toEqual(['text', 'json', 'sarif', 'github', 'gitlab', 'compact']);
    expect(isFormat('github')).toBe(true);
    expect(isFormat('xml')).toBe(false);
    const context = { ...CONTEXT, rules: allRules.map((r) => r.meta) };
    const outputs = await Promise.all(FORMATS.map((f) => formatResult(f, RESULT, context)));
    expect(JSON.parse(outputs[1]!).formatVersion).toBe(1);
    expect(JSON.parse(outputs[2]!).version).toBe('2.1.0');
    for (const out of outputs) expect(out.endsWith('\n')).toBe(true);
  });
});

describe('output docs', () => {
  const read = (name: string) => readFileSync(join(root, 'docs', name), 'utf8');
  const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

  it('json-output.md shows a report that matches the schema', () => {
    const validate = new Ajv().compile(JSON.parse(read('json-output.schema.json')) as Record<string, unknown>);
    const examples = blocks(read('json-output.md'), 'json');
    expect(examples).toHaveLength(1);
    expect(validate(JSON.parse(examples[0]!)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('output-formats.md shows real github output and documents every format and exit code', () => {
    const doc = read('output-formats.md');
    const golden = readFileSync(join(root, 'test/golden/report.github.txt'), 'utf8');
    const example = blocks(doc, 'text').find((b) => b.startsWith('::'))!;
    for (const line of example.trimEnd().split('\n')) expect(golden).toContain(line);
    for (const format of FORMATS) expect(doc).toContain(`## ${format}`);
    for (const code of ['`0`', '`1`', '`2`']) expect(doc).toContain(`| ${code} |`);
  });
});
