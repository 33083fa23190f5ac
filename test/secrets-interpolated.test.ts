/** no-hardcoded-secret on values that also hold a variable without a default: where the literal secret is, and that no output shows it. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFile, lintText } from '../src/lint.js';
import { formatJson } from '../src/reporters/json.js';
import { formatSarif } from '../src/reporters/sarif.js';
import { formatText } from '../src/reporters/text.js';
import { allRules } from '../rules/index.js';
import { tempTree } from './tmp.js';

const SECRETS = /s3cr3tpw|Str0ngPassw0rd|hunter2|ghp_FAKE|Xk9pLq2Zr7/;

describe('literal secrets next to variables', () => {
  it('give the length of the secret and the name as written, a variable in it as an ellipsis', () => {
    const findings = lintText(
      [
        'services:',
        '  app:',
        '    image: example/app:1.0',
        '    environment:',
        '      - ${PREFIX}_PASSWORD=Xk9pLq2Zr7Tv',
        '      - AUTH=Bearer ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000 ${EXTRA}',
        '    command: mysqld --password=hunter2hunter2 --bind-address=$ADDR',
        '',
      ].join('\n'),
      'compose.yaml',
      { projectDir: '/srv/app' },
    ).findings.filter((f) => f.ruleId === 'no-hardcoded-secret');
    expect(findings.map((f) => `${f.line}:${f.column}-${f.endColumn} ${f.severity} ${f.message.split(' of service')[0]} ${/\((\d+) characters\)/.exec(f.message)?.[1]}`)).toEqual([
      '5:28-40 error environment variable …_PASSWORD 12',
      '6:21-61 error environment variable AUTH 40',
      '7:32-46 error command option --password 14',
    ]);
    for (const f of findings) expect(f.message).not.toMatch(SECRETS);
  });

  it('are masked in code frames, JSON and SARIF, and in the written text another rule quotes', async () => {
    const dir = tempTree('cl-partial-', {
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app:1.0',
        '    networks: [front]',
        '    environment:',
        '      DATABASE_URL: postgres://app:s3cr3tpw@db:5432/${DB_NAME}',
        '      MSSQL: "Server=${DB};User Id=sa;Password=Str0ngPassw0rd;"',
        '    command: mysql -h db -pXk9pLq2Zr7 ${DB_NAME}',
        '  db:',
        '    image: postgres:16',
        '    networks: [back]',
        'networks:',
        '  front: {}',
        '  back: {}',
        '',
      ].join('\n'),
    });
    const result = await lintFile(join(dir, 'compose.yaml'), { cwd: dir });
    const lint = { results: [result] };
    const context = { rules: allRules.map((r) => r.meta), toolVersion: '0', cwd: dir, color: false };
    // no-unreachable-service-reference quotes the interpolated values as written, secrets hidden.
    const written = result.findings.filter((f) => f.ruleId === 'no-unreachable-service-reference').map((f) => f.message.replace(/.*\(written as /, ''));
    expect(written).toEqual(['"postgres://app:***@db:5432/${DB_NAME}")', '"mysql -h db -p*** ${DB_NAME}")']);
    expect(result.findings.filter((f) => f.ruleId === 'no-hardcoded-secret').map((f) => `${f.line}:${f.column}-${f.endColumn}`)).toEqual(['6:36-44', '7:48-62', '8:28-38']);
    const text = formatText(lint, context);
    expect(text).toContain('DATABASE_URL: postgres://app:********@db:5432/${DB_NAME}');
    expect(text).toContain('Password=**************;');
    expect(text).toContain('mysql -h db -p********** ${DB_NAME}');
    for (const output of [text, formatJson(lint, context), formatSarif(lint, context)]) expect(output).not.toMatch(SECRETS);
  });

  it('are reported in an env file that may be committed and masked in an untracked one', async () => {
    const line = 'DATABASE_URL=postgres://app:s3cr3tpw@${DB_HOST}/app\n';
    const dir = tempTree('cl-partial-env-', {
      'compose.yaml': 'services:\n  app:\n    image: example/app:1.0\n    env_file: [.env, app.env]\n',
      '.env': line,
      'app.env': line,
    });
    const result = await lintFile(join(dir, 'compose.yaml'), { cwd: dir });
    const where = (f: { file: string; line: number; column: number; endColumn: number }) => `${f.file.split('/').pop()}:${f.line}:${f.column}-${f.endColumn}`;
    expect(result.findings.filter((f) => f.ruleId === 'no-hardcoded-secret').map((f) => `${where(f)} ${f.severity}`)).toEqual(['app.env:1:29-37 warning']);
    expect((result.secrets ?? []).map(where).sort()).toEqual(['.env:1:29-37', 'app.env:1:29-37']);
  });

  it('are found in a URL whose scheme is a variable, at the password', () => {
    const text = ['services:', '  app:', '    image: example/app:1.0', '    environment:', '      DATABASE_URL: ${DRIVER}://app:s3cr3tpw99@db/app', '      OTHER_URL: ${DRIVER}://app:${DB_PASSWORD}@db/app', ''].join('\n');
    const result = { ...lintText(text, 'compose.yaml'), source: text };
    expect(result.findings.filter((f) => f.ruleId === 'no-hardcoded-secret').map((f) => `${f.line}:${f.column}-${f.endColumn}`)).toEqual(['5:37-47']);
    const shown = formatText({ results: [result] }, { rules: allRules.map((r) => r.meta), toolVersion: '0', cwd: '/', color: false });
    expect(shown).toContain('DATABASE_URL: ${DRIVER}://app:**********@db/app');
    expect(shown).not.toMatch(SECRETS);
  });

  it('leave out the written text of a scalar over several lines that holds one', () => {
    const findings = lintText(
      ['services:', '  app:', '    image: example/app:1.0', '    networks: [front]', '    command: >-', '      mysql -h db', '      -pXk9pLq2Zr7 ${DB_NAME}', '  db:', '    image: postgres:16', '    networks: [back]', 'networks:', '  front: {}', '  back: {}', ''].join('\n'),
      'compose.yaml',
      { projectDir: '/srv/app' },
    ).findings;
    const unreachable = findings.find((f) => f.ruleId === 'no-unreachable-service-reference');
    expect(unreachable?.message).toMatch(/^service "app" refers to "db" \(command\)/);
    expect(unreachable?.message).not.toContain('written as');
    expect(findings.filter((f) => f.ruleId === 'no-hardcoded-secret').map((f) => f.line)).toEqual([5]);
  });
});
