/** --fix, --fix-dry-run and SARIF fixes through the built binary (npm test builds first). */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN as bin, cliEnv } from './bin.js';


function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: cliEnv({ NO_COLOR: '1' }) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function project(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-fix-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'compose.yaml'), text);
  return dir;
}

const FIXABLE = [
  'services:',
  '  web:',
  '    image: webui:1.27 # the front end',
  '    ports:',
  "      - '8080:90'",
  '    security_opt:',
  '      - no-new-privileges:true',
  '    privileged: true',
  '',
].join('\n');

const FIXED = [
  'services:',
  '  web:',
  '    image: webui:1.27 # the front end',
  '    ports:',
  "      - '127.0.0.1:8080:90'",
  '    security_opt:',
  '      - no-new-privileges:true',
  '',
].join('\n');

describe('--fix', () => {
  it('rewrites the file keeping its mode, says what changes, and a second run changes nothing', () => {
    const dir = project(FIXABLE);
    const file = join(dir, 'compose.yaml');
    chmodSync(file, 0o640);
    const first = cli(['--fix', 'compose.yaml'], dir);
    expect(first.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(first.stdout).toMatch(/compose\.yaml:5:9: fixed no-unbound-port: bind port "8080:90" of service "web" to 127\.0\.0\.1: only this host .* other machines lose access/);
    expect(first.stdout).toMatch(/fixed no-privileged: remove privileged: true from service "web": the container loses host devices/);
    // The report after fixing shows what remains: nothing here.
    expect(first.stdout).toContain('no problems');

    const second = cli(['--fix', 'compose.yaml'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('fixed ');
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
  });

  it('fixes a symlinked compose file through the link, which stays a link', () => {
    const dir = project('services: {}\n');
    mkdirSync(join(dir, 'real'));
    mkdirSync(join(dir, 'proj'));
    writeFileSync(join(dir, 'real', 'compose.yaml'), FIXABLE);
    chmodSync(join(dir, 'real', 'compose.yaml'), 0o640);
    symlinkSync('../real/compose.yaml', join(dir, 'proj', 'compose.yaml'));
    const { code, stdout } = cli(['--fix', 'proj/compose.yaml'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/proj\/compose\.yaml:5:9: fixed no-unbound-port/);
    expect(lstatSync(join(dir, 'proj', 'compose.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'compose.yaml'), 'utf8')).toBe(FIXED);
    expect(statSync(join(dir, 'real', 'compose.yaml')).mode & 0o777).toBe(0o640);
  });

  it('does not fix findings the baseline records, as it does not fix suppressed ones', () => {
    const web = ['services:', '  web:', '    image: webui:1.27', '    ports:', '      - "90:90"', '    security_opt: ["no-new-privileges:true"]', ''].join('\n');
    const dir = project(web);
    expect(cli(['--write-baseline', 'b.json', 'compose.yaml'], dir).code).toBe(0);
    // A new service with the same kind of problem: only it is fixed.
    const api = ['  api:', '    image: webui:1.27', '    ports:', '      - "81:81" # the API', '    security_opt: ["no-new-privileges:true"]', ''].join('\n');
    writeFileSync(join(dir, 'compose.yaml'), web + api);
    const dry = cli(['--fix-dry-run', '--baseline', 'b.json', 'compose.yaml'], dir);
    expect(dry.stdout).toContain('-      - "81:81" # the API\n+      - "127.0.0.1:81:81" # the API\n');
    expect(dry.stdout).not.toContain('-      - "90:90"');
    const { code, stdout } = cli(['--fix', '--baseline', 'b.json', '--fail-on', 'warning', 'compose.yaml'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/compose\.yaml:10:9: fixed no-unbound-port: bind port "81:81" of service "api"/);
    expect(stdout).not.toMatch(/"90:90"/);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(web + api.replace('"81:81"', '"127.0.0.1:81:81"'));
    // A baseline that cannot be read stops the run before anything is written.
    writeFileSync(join(dir, 'bad.json'), '{}');
    const bad = cli(['--fix', '--baseline', 'bad.json', 'compose.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^compose-lint: bad\.json: not a compose-lint baseline/);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toContain('- "90:90"');
  });

  it('logs each fix at its place in the file as it was, also for fixes made in a later pass', () => {
    const text = ['services:', '  a:', '    image: webui:1.27', '    ports:', '      - "90:90"', '  b:', '    image: webui:1.27', '    ports:', '      - "81:81"', ''].join('\n');
    const dir = project(text);
    const dry = cli(['--fix-dry-run', 'compose.yaml'], dir);
    const { stdout } = cli(['--fix', 'compose.yaml'], dir);
    for (const [log, verb] of [[dry.stdout, 'would fix'], [stdout, 'fixed']] as const) {
      expect(log).toContain(`compose.yaml:2:3: ${verb} require-no-new-privileges: set no-new-privileges:true on service "a"`);
      expect(log).toContain(`compose.yaml:6:3: ${verb} require-no-new-privileges: set no-new-privileges:true on service "b"`);
      expect(log).toContain(`compose.yaml:5:9: ${verb} no-unbound-port: bind port "90:90"`);
      expect(log).toContain(`compose.yaml:9:9: ${verb} no-unbound-port: bind port "81:81"`);
    }
  });

  it('leaves a file it cannot write as it was, says so in one line and exits 2, and still fixes and lints the others', (context) => {
    // Root may write any file: the CLI then runs as nobody, who owns the projects (so a rename over the file would succeed).
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    // A checkout under a private home directory is out of nobody's reach: nothing to test there.
    if (user && spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(bin)}, 4)`], user).status !== 0) {
      context.skip('the built CLI is not readable by nobody (uid 65534) here');
    }
    const dir = project('services: {}\n');
    for (const name of ['ro', 'locked', 'rw']) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'compose.yaml'), FIXABLE);
    }
    // A file nobody may write but the empty top-level project: it has nothing to fix, so it is no error.
    writeFileSync(join(dir, 'ro', 'compose.override.yaml'), 'services:\n  web:\n    image: webui:1.27\n');
    if (user) for (const path of ['', 'ro', 'ro/compose.yaml', 'ro/compose.override.yaml', 'locked', 'locked/compose.yaml', 'rw', 'rw/compose.yaml']) chownSync(join(dir, path), user.uid, user.gid);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'ro', 'compose.yaml'), 0o444);
    chmodSync(join(dir, 'ro', 'compose.override.yaml'), 0o444);
    // A writable file in a directory that is not: its temporary file cannot be made.
    chmodSync(join(dir, 'locked'), 0o555);
    const result = spawnSync(process.execPath, [bin, '--fix', 'ro', 'locked', 'rw'], { cwd: dir, encoding: 'utf8', env: cliEnv({ NO_COLOR: '1' }), ...user });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('compose-lint: ro/compose.yaml: not writable, not fixed\ncompose-lint: locked/compose.yaml: cannot write (EACCES), not fixed\n');
    expect(readFileSync(join(dir, 'ro', 'compose.yaml'), 'utf8')).toBe(FIXABLE);
    expect(readFileSync(join(dir, 'locked', 'compose.yaml'), 'utf8')).toBe(FIXABLE);
    expect(readFileSync(join(dir, 'rw', 'compose.yaml'), 'utf8')).toBe(FIXED);
    // Only what was written is reported fixed; the files left alone are linted as they are.
    expect(result.stdout).toMatch(/rw\/compose\.yaml:5:9: fixed no-unbound-port/);
    expect(result.stdout).not.toMatch(/(ro|locked)\/compose\.yaml:\d+:\d+: fixed/);
    expect(result.stdout).toContain('ro/compose.yaml:8:17\n');
    expect(result.stdout).toContain('locked/compose.yaml:8:17\n');
    expect(result.stdout).not.toContain('rw/compose.yaml:8:17\n');
  });

  it('applies the fixes that pass the checks when another one would add a finding, and reports only that one', () => {
    // Removing the only security_opt entry leaves the directive above it suppressing nothing (unused-disable-directive).
    const text = ['services:', '  web:', '    image: webui:1.27', '    # compose-lint-disable-next-line require-no-new-privileges -- reviewed', '    security_opt:',
      '      - seccomp:unconfined', '    ports:', '      - "8080:90"', '    privileged: true', ''].join('\n');
    const fixed = text.replace('"8080:90"', '"127.0.0.1:8080:90"').replace('    privileged: true\n', '');
    const rejected = 'compose.yaml:6:9: no-unconfined-security-profile needs manual review: fixing would introduce require-no-new-privileges, unused-disable-directive\n';
    const dir = project(text);
    const dry = cli(['--fix-dry-run', 'compose.yaml'], dir);
    expect(dry.stdout).toContain('     ports:\n-      - "8080:90"\n-    privileged: true\n+      - "127.0.0.1:8080:90"\n');
    expect(dry.stdout).not.toContain('-      - seccomp:unconfined');
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(text);
    const run = cli(['--fix', 'compose.yaml'], dir);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(fixed);
    for (const [{ code, stdout }, verb] of [[dry, 'would fix'], [run, 'fixed']] as const) {
      // The finding left unfixed is an error: the exit code is the one its report gives.
      expect(code).toBe(1);
      expect(stdout).toContain(`compose.yaml:8:9: ${verb} no-unbound-port: bind port "8080:90"`);
      expect(stdout).toContain(`compose.yaml:9:17: ${verb} no-privileged: remove privileged: true`);
      expect(stdout).toContain(rejected);
      expect(stdout).not.toContain(`${verb} no-unconfined-security-profile`);
      expect(stdout).not.toContain('not fixed');
    }
    // Nothing left that passes: the file stays as it is, and says so as before.
    const again = cli(['--fix', 'compose.yaml'], dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`${rejected}compose.yaml: not fixed: fixing would introduce require-no-new-privileges, unused-disable-directive\n`);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(fixed);
  });

  it('refuses a value built from an anchor and reports it as needing manual review', () => {
    const text = 'x-ports: &ports\n  - "8080:90"\nservices:\n  web:\n    image: webui:1.27\n    security_opt: ["no-new-privileges:true"]\n    ports: *ports\n';
    const dir = project(text);
    const { code, stdout } = cli(['--fix', '--fail-on', 'warning', 'compose.yaml'], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/no-unbound-port needs manual review: .*anchor/);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(text);
  });

  it('names the service as the file where the value is written names it, for a value from an extends base', () => {
    const dir = project('services:\n  app:\n    extends:\n      file: sub/common.yml\n      service: base\n    security_opt: ["no-new-privileges:true"]\n');
    mkdirSync(join(dir, 'sub'));
    const common = 'services:\n  other:\n    image: redis:7\n  base:\n    ports: ["5432:5432"]\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pw\n';
    writeFileSync(join(dir, 'sub', 'common.yml'), common);
    const { stdout } = cli(['--fix', 'compose.yaml'], dir);
    expect(stdout).toContain(
      'sub/common.yml:5:13: no-public-datastore-port needs manual review: the value is written in service "base", which service "app" extends: editing it would change every service that extends "base"',
    );
    expect(stdout).not.toMatch(/service "app" is missing/);
    expect(readFileSync(join(dir, 'sub', 'common.yml'), 'utf8')).toBe(common);
  });

  it('--fix-dry-run prints a unified diff and leaves the file alone', () => {
    const dir = project(FIXABLE);
    const { code, stdout } = cli(['--fix-dry-run', 'compose.yaml'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("--- a/compose.yaml\n+++ b/compose.yaml\n");
    expect(stdout).toContain("-      - '8080:90'\n+      - '127.0.0.1:8080:90'\n");
    expect(stdout).toContain('-    privileged: true\n');
    expect(stdout).toMatch(/would fix no-privileged/);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(FIXABLE);
  });

  it('keeps CRLF line ends in the lines it inserts, in the file and in the dry-run diff', () => {
    const text = 'services:\r\n  web:\r\n    image: webui:1.27\r\n    ports:\r\n      - "90:90"\r\n';
    const fixed = 'services:\r\n  web:\r\n    image: webui:1.27\r\n    ports:\r\n      - "127.0.0.1:90:90"\r\n    security_opt:\r\n      - no-new-privileges:true\r\n';
    const dir = project(text);
    const dry = cli(['--fix-dry-run', 'compose.yaml'], dir);
    expect(dry.stdout).toContain('-      - "90:90"\r\n+      - "127.0.0.1:90:90"\r\n+    security_opt:\r\n+      - no-new-privileges:true\r\n');
    expect(cli(['--fix', 'compose.yaml'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(fixed);
  });

  it('keeps a UTF-8 byte order mark, with LF and with CRLF line ends', () => {
    for (const eol of ['\n', '\r\n']) {
      const lines = (l: string[]) => l.join(eol) + eol;
      const text = lines(['services:', '  web:', '    image: webui:1.27', '    ports: ["90:90"]']);
      const fixed = lines(['services:', '  web:', '    image: webui:1.27', '    ports: ["127.0.0.1:90:90"]', '    security_opt:', '      - no-new-privileges:true']);
      const dir = project(`\uFEFF${text}`);
      const file = join(dir, 'compose.yaml');
      const dry = cli(['--fix-dry-run', 'compose.yaml'], dir);
      expect(dry.stdout).toContain(`+    ports: ["127.0.0.1:90:90"]${eol}`);
      expect(dry.stdout).not.toContain('\uFEFF');
      expect(cli(['--fix', 'compose.yaml'], dir).code).toBe(0);
      expect(readFileSync(file)).toEqual(Buffer.from(`\uFEFF${fixed}`, 'utf8'));
    }
  });

  it('--fix-dry-run shows what remains in code frames of the fixed text, which is where its positions point', () => {
    // The fix inserts security_opt lines above `db:`: the file on disk has another line there.
    const dir = project(['services:', '  web:', '    image: webui:1.27', '  db:', '    image: postgres:16', "    ports: ['5432:5432']", '    privileged: true', ''].join('\n'));
    const { stdout } = cli(['--fix-dry-run', '--rule', 'require-internal-network=error', 'compose.yaml'], dir);
    const at = /compose\.yaml:(\d+):3\n(?:.*\n)*?\s+> *\1 \| (.*)/.exec(stdout.slice(stdout.indexOf('require-internal-network')));
    expect(at?.[1]).toBe('6');
    expect(at?.[2]).toBe('  db:');
  });

  it('--fix-dry-run frames findings in the override file from its fixed text too', () => {
    const dir = project(['services:', '  web:', '    image: webui:1.27', ''].join('\n'));
    writeFileSync(join(dir, 'compose.override.yaml'), ['services:', '  db:', '    image: postgres:16', "    ports: ['5432:5432']", '    privileged: true', ''].join('\n'));
    const { stdout } = cli(['--fix-dry-run', '--rule', 'require-internal-network=error', 'compose.yaml'], dir);
    const frame = stdout.slice(stdout.indexOf('require-internal-network\n'));
    // Fixed: the port is bound to 127.0.0.1 and privileged: true is gone.
    expect(frame).toMatch(/compose\.override\.yaml:2:3\n(?:.*\n)*?\s+4 \|\s+ports: \['127\.0\.0\.1:5432:5432'\]/);
    expect(frame).not.toContain('privileged: true');
  });

  it('keeps control characters from the file off the terminal, in the fix log and in warnings', () => {
    // A double-quoted "\e" is an escape character in the service name, or in an include path.
    const dir = project('services:\n  "we\\eb":\n    image: webui:1.27\n    ports: ["8080:90"]\n');
    const fixed = cli(['--fix-dry-run', 'compose.yaml'], dir);
    expect(fixed.stdout).toContain('would fix no-unbound-port: bind port "8080:90" of service "we\\x1bb"');
    expect(fixed.stdout + fixed.stderr).not.toContain('\x1b');
    writeFileSync(join(dir, 'compose.yaml'), 'include: ["a\\eb.yaml"]\nservices:\n  web:\n    image: webui:1.27\n');
    const warned = cli(['--format', 'json', 'compose.yaml'], dir);
    expect(warned.stderr).toContain('a\\x1bb.yaml: no such file');
    expect(warned.stderr).not.toContain('\x1b');
  });

  it('keeps JSON on stdout clean: the diff goes to stderr', () => {
    const dir = project(FIXABLE);
    const { stdout, stderr } = cli(['--fix-dry-run', '--format', 'json', 'compose.yaml'], dir);
    expect((JSON.parse(stdout) as { findings: unknown[] }).findings).toEqual([]);
    expect(stderr).toContain('+++ b/compose.yaml');
  });

  it('rejects --fix on standard input', () => {
    const result = spawnSync(process.execPath, [bin, '--fix', '-'], { input: FIXABLE, encoding: 'utf8', env: cliEnv() });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/use --fix-dry-run/);
  });
});

describe('fixes in SARIF', () => {
  it('carries fixes with artifactChanges for fixable findings, relative to %SRCROOT%', () => {
    const dir = project(FIXABLE);
    const { stdout } = cli(['--format', 'sarif', 'compose.yaml'], dir);
    const results = (JSON.parse(stdout) as {
      runs: { results: { ruleId: string; fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string; uriBaseId?: string }; replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[] }[] }[] }[] }[];
    }).runs[0]!.results;
    const port = results.find((r) => r.ruleId === 'no-unbound-port')!;
    const change = port.fixes![0]!.artifactChanges[0]!;
    expect(change.artifactLocation).toEqual({ uri: 'compose.yaml', uriBaseId: '%SRCROOT%' });
    const { charOffset, charLength } = change.replacements[0]!.deletedRegion;
    expect(FIXABLE.slice(charOffset, charOffset + charLength)).toBe("'8080:90'");
    expect(change.replacements[0]!.insertedContent.text).toBe("'127.0.0.1:8080:90'");
    expect(results.find((r) => r.ruleId === 'no-privileged')?.fixes?.[0]?.description.text).toMatch(/^remove privileged: true from service "web"/);
  });
});
