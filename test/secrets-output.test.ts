/** no-hardcoded-secret: where findings point, what messages say, and secrets kept out of every output (code frames, messages). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactWritten } from '../src/hardening/secrets.js';
import { lintFile, lintText } from '../src/lint.js';
import { formatText } from '../src/reporters/text.js';
import { allRules } from '../rules/index.js';
import type { Finding } from '../src/types.js';
import { tempTree } from './tmp.js';

function lint(text: string, projectDir = '/srv/app'): Finding[] {
  return lintText(text, 'compose.yaml', { preset: 'strict', projectDir }).findings;
}

describe('env files', () => {
  it('reports a secret in the env file, at its line there', async () => {
    const path = join(import.meta.dirname, '..', 'fixtures', 'rules', 'no-hardcoded-secret', 'env-file', 'compose.yaml');
    const result = await lintFile(path, { preset: 'recommended' });
    const secrets = result.findings.filter((f) => f.ruleId === 'no-hardcoded-secret');
    // At the value, not the name: the text report's code frame masks exactly that range.
    // Nothing from .env or app.local.env; a warning where only the file name could tell whether it is committed.
    expect(secrets.map((f) => `${f.file.split('/').pop()}:${f.line}:${f.column}-${f.endColumn} ${f.severity} ${f.messageId}`)).toEqual([
      'app.env:2:13-33 warning envFile',
      'app.env:8:20-45 warning envFile',
      'app.env:10:15-23 warning envFile',
      'app.env:12:16-20 warning envFile',
      'app.env.example:2:14-26 error envFileTemplate',
      'app.env.example:3:16-37 note envFilePlaceholder',
      'app.env.example:4:15-23 note envFilePlaceholder',
      'app.env.example:6:14-18 note envFilePlaceholder',
    ]);
    expect(secrets[0]!.message).toMatch(/^environment variable DB_PASSWORD in env_file \S*app\.env of service "app" holds a literal password \(20 characters\); if this file is committed/);
    expect(secrets.map((f) => f.message).join()).not.toContain('s3cr3t');
    const text = formatText({ results: [result] }, { rules: allRules.map((r) => r.meta), toolVersion: '0', cwd: process.cwd(), color: false });
    expect(text).toContain('DB_PASSWORD=********************');
    expect(text).not.toContain('s3cr3t');
  });
});

describe('secrets in code frames', () => {
  const report = (result: Awaited<ReturnType<typeof lintFile>>, cwd: string, showSuppressed = false) =>
    formatText({ results: [result] }, { rules: allRules.map((r) => r.meta), toolVersion: '0', cwd, color: false, showSuppressed });

  it('are masked whatever is reported: an untracked .env another rule points into, a suppressed finding, the rule off', async () => {
    const dir = tempTree('cl-mask-', {
      'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    env_file: .env\n  app:\n    image: app:1\n    environment:\n      DB_PASSWORD: hunter2hunter2 # compose-lint-disable-line no-hardcoded-secret -- test\n    privileged: true\n',
      '.env': 'POSTGRES_PASSWORD=my-real-prod-pw-123\nPOSTGRES_HOST_AUTH_METHOD=trust\n',
    });
    const file = join(dir, 'compose.yaml');
    for (const result of [await lintFile(file, { cwd: dir }), await lintFile(file, { cwd: dir, rules: new Map([['no-hardcoded-secret', { severity: 'off' }]]) })]) {
      // no-unauthenticated-datastore points into .env; no-privileged shows the suppressed line.
      expect(result.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['no-unauthenticated-datastore', 'no-privileged']));
      for (const text of [report(result, dir), report(result, dir, true)]) {
        expect(text).toContain('POSTGRES_PASSWORD=*******************');
        expect(text).toContain('DB_PASSWORD: **************');
        expect(text).not.toMatch(/my-real-prod|hunter2/);
      }
    }
  });

  it('mask connection-string passwords, extension fields and config contents shown next to other findings', async () => {
    const dir = tempTree('cl-mask-', {
      'compose.yaml': [
        'x-creds:',
        '  token: ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000',
        'services:',
        '  db:',
        '    image: mcr.microsoft.com/mssql/server:2022-latest',
        '    environment:',
        '      ConnectionStrings__Default: "Server=db;User Id=sa;Password=Zx9kLmQ2w;"',
        '      MSSQL_SA_PASSWORD: "Zx9kLmQ2w"',
        '    privileged: true',
        'configs:',
        '  tls:',
        '    content: "-----BEGIN EC PRIVATE KEY-----MHcCAQEEfake-----END EC PRIVATE KEY-----"',
        '',
      ].join('\n'),
    });
    const file = join(dir, 'compose.yaml');
    const result = await lintFile(file, { cwd: dir, rules: new Map([['no-hardcoded-secret', { severity: 'off' }]]) });
    const text = report(result, dir);
    expect(text).toContain('Password=*********;');
    expect(text).toContain('token: ****');
    expect(text).not.toMatch(/Zx9kLmQ2w|ghp_|MHcCAQ/);
  });

  it('mask the password of volume mount options shown next to other findings', async () => {
    const dir = tempTree('cl-mask-', {
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: app:1',
        '    volumes: [smb:/data]',
        '    privileged: true',
        'volumes:',
        '  smb:',
        '    driver_opts: {type: cifs, device: //fs/share, o: "addr=fs,username=bob,password=hunter2hunter2,vers=3.0"}',
        '',
      ].join('\n'),
    });
    const file = join(dir, 'compose.yaml');
    const result = await lintFile(file, { cwd: dir, rules: new Map([['no-hardcoded-secret', { severity: 'off' }]]) });
    expect(result.findings.map((f) => f.ruleId)).toContain('no-privileged');
    const text = report(result, dir);
    expect(text).toContain('username=bob,password=**************,vers=3.0');
    expect(text).not.toContain('hunter2');
  });

  it('mask webhook URLs and workflow signatures shown next to other findings', async () => {
    const dir = tempTree('cl-mask-', {
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: app:1',
        '    environment:',
        '      ALERTS: https://discord.com/api/webhooks/123456789012345678/FAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake0000',
        '      FLOW: "https://prod-1.westus.logic.azure.com/workflows/0123456789abcdef0123456789abcdef/triggers/manual/paths/invoke?sv=1.0&sig=FAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake000"',
        '    privileged: true',
        '',
      ].join('\n'),
    });
    const file = join(dir, 'compose.yaml');
    const result = await lintFile(file, { cwd: dir, rules: new Map([['no-hardcoded-secret', { severity: 'off' }]]) });
    const text = report(result, dir);
    expect(text).toContain('ALERTS: ****');
    expect(text).toContain('invoke?sv=1.0&sig=****');
    expect(text).not.toContain('FAKEfake');
  });
});

describe('secrets inside a value', () => {
  it('give the length of the secret, not of the value, and point at it', () => {
    const findings = lint([
      'services:',
      '  a:',
      '    image: x:1',
      '    environment:',
      '      - DATABASE_URL=postgres://user:pw@db:5432/app',
      '    labels:',
      '      AUTH: "Bearer ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000"',
      '',
    ].join('\n'));
    const secrets = findings.filter((f) => f.ruleId === 'no-hardcoded-secret');
    expect(secrets.map((f) => `${f.line}:${f.column}-${f.endColumn} ${/\((\d+) characters\)/.exec(f.message)?.[1]}`)).toEqual(['5:38-40 2', '7:21-61 40']);
  });
});

describe('secrets from a default', () => {
  it('are said to come from a default only when the secret itself does', () => {
    const findings = lint([
      'services:',
      '  a:',
      '    image: x:1',
      '    environment:',
      '      DB_URL: "postgres://u:Xk9pLq2Zr7Tv@db:5432/${POSTHOG_DB_NAME:-posthog}"',
      '      OTHER_URL: "postgres://u:${PW:-Xk9pLq2Zr7Tv}@db:5432/app"',
      '      DB_PASSWORD: "Xk9p${SUFFIX:-Lq2Zr7Tv}"',
      '    command: sh -c "mysql -pXk9pLq2Zr7 -h ${DB_HOST:-db}"',
      '',
    ].join('\n'));
    const secrets = findings.filter((f) => f.ruleId === 'no-hardcoded-secret');
    expect(secrets.map((f) => f.message.split(' of service')[0])).toEqual([
      'environment variable DB_URL',
      'environment variable OTHER_URL',
      'environment variable DB_PASSWORD',
      'command option -p (mysql)',
    ]);
    // The remedy fits the place: a default to drop, a command line that no *_FILE variable reaches.
    expect(secrets.map((f) => / as the default of a \$\{VAR:-default\}/.test(f.message))).toEqual([false, true, true, false]);
    expect(secrets[0]!.message).toContain('read it from a secret (`secrets:` / *_FILE)');
    expect(secrets[3]!.message).toContain("have the container's shell read it at run time");
  });
});

describe('values shared through an anchor', () => {
  const text = [
    'x-env: &env',
    '  DB_PASSWORD: hunter2hunter2',
    'services:',
    '  a:',
    '    image: x:1',
    '    environment: *env',
    '  b:',
    '    image: x:1',
    '    environment:',
    '      <<: *env',
    '      DEBUG: "1"',
    '',
  ].join('\n');
  const secrets = (excluded: string[]) =>
    lintText(text, 'compose.yaml', { projectDir: '/srv/app', excludes: new Map([['no-hardcoded-secret', new Map(excluded.map((s) => [s, 'test data']))]]) })
      .findings.filter((f) => f.ruleId === 'no-hardcoded-secret')
      .map((f) => `${f.line}:${f.column} ${f.service} ${f.suppression ? 'suppressed' : 'open'} ${f.message.split(' holds')[0]}`);

  it('are reported once, naming every service', () => {
    expect(secrets([])).toEqual(['2:16 a open environment variable DB_PASSWORD of services "a" and "b"']);
  });

  it('stay reported while a service using them is not excluded', () => {
    expect(secrets(['a'])).toEqual(['2:16 b open environment variable DB_PASSWORD of services "a" and "b"']);
    expect(secrets(['a', 'b'])).toEqual(['2:16 a suppressed environment variable DB_PASSWORD of services "a" and "b"']);
  });
});

describe('written text quoted in messages', () => {
  it('hides URL passwords and secret defaults, keeps the rest', () => {
    expect(redactWritten('postgres://app:${DB_PASSWORD:-devpass99}@db:5432/app')).toBe('postgres://app:***@db:5432/app');
    expect(redactWritten('postgres://app:$$pw@db/app')).toBe('postgres://app:***@db/app');
    expect(redactWritten('postgres://app:${DB_PASSWORD}@db/app')).toBe('postgres://app:${DB_PASSWORD}@db/app');
    expect(redactWritten('${API_TOKEN:-tok-123}')).toBe('${API_TOKEN:-***}');
    expect(redactWritten('${UPSTREAM-ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000}')).toBe('${UPSTREAM-***}');
    expect(redactWritten('${DB_PORT:-5432}:5432')).toBe('${DB_PORT:-5432}:5432');
  });

  it('hides a URL password after a scheme that is a variable', () => {
    expect(redactWritten('${DRIVER}://app:devpass99@db/app')).toBe('${DRIVER}://app:***@db/app');
    expect(redactWritten('${DRIVER:-postgres}://app:devpass99@db/app')).toBe('${DRIVER:-postgres}://app:***@db/app');
    expect(redactWritten('$DRIVER://app:devpass99@db/app')).toBe('$DRIVER://app:***@db/app');
    expect(redactWritten('${DRIVER}://app:${DB_PASSWORD}@db/app')).toBe('${DRIVER}://app:${DB_PASSWORD}@db/app');
  });

  it('no message quotes a secret default, and a merge does not turn an empty default into one', () => {
    const dir = tempTree('cl-secret-merge-', {
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    networks: [front]',
        '    environment:',
        '      - DB_PASSWORD=${DB_PASSWORD:-}',
        '      - DATABASE_URL=postgres://app:${DB_PASSWORD:-devpass99}@db:5432/app',
        '  db:',
        '    image: postgres:16',
        '    networks: [back]',
        'networks:',
        '  front: {}',
        '  back: {internal: true}',
        '',
      ],
      // The override turns the list into a map when the two merge.
      'compose.override.yaml': 'services:\n  app:\n    environment:\n      DEBUG: "1"\n',
    });
    const findings = lintFile(join(dir, 'compose.yaml'), { cwd: dir });
    return findings.then((result) => {
      const secrets = result.findings.filter((f) => f.ruleId === 'no-hardcoded-secret');
      expect(secrets.map((f) => `${f.line} ${f.message.split(' of service')[0]}`)).toEqual(['7 environment variable DATABASE_URL']);
      expect(secrets[0]!.message).toContain('as the default of a ${VAR:-default}');
      for (const f of result.findings) expect(f.message, f.ruleId).not.toContain('devpass99');
    });
  });
});
