import { defineRule, type Report } from '../../src/engine/rule.js';
import { andList } from '../../src/excerpt.js';
import { connectionPassword, findToken, urlPassword } from '../../src/hardening/secret-formats.js';
import { isAccessKeyId, isNonSecretValue, isPlaceholder, isSecretName, isTemplateStandIn, isWorkingDirectory, isSlowHash, nameKind, passwordHashScheme } from '../../src/hardening/secrets.js';
import { fixedLoc, fromDefaultIn } from '../../src/hardening/values.js';
import { UNKNOWN_MARK } from '../../src/model/node.js';
import type { Project, Service } from '../../src/model/project.js';
import type { Loc } from '../../src/types.js';
import { candidates, partsOf, split, unattachedValues, type Candidate } from './collect.js';

interface Classified {
  kind: string;
  placeholder: boolean;
  /** For a password hash (a verifier, not the password: a warning), its scheme. */
  hash?: string;
  /** The secret's offsets in the value, when it is only part of it (a token in a text, a URL's password). */
  span?: [number, number];
}

/** What a value holds, if it is a secret: a known token format, URL or connection-string credentials, or a literal under a secret-shaped name. */
function classify(candidate: Candidate): Classified | undefined {
  // A weak word (`changeme`, `password`) works as written: a placeholder only in a template, which is copied and filled in.
  const isStandIn = candidate.envFile?.template === true ? isTemplateStandIn : isPlaceholder;
  const token = findToken(candidate.value);
  if (token) return { kind: token.kind, placeholder: isStandIn(token.value) || filledWithOneCharacter(token), span: [token.start, token.end] };
  const password = urlPassword(candidate.value) ?? connectionPassword(candidate.value);
  if (password !== undefined) return { kind: password.kind, placeholder: isStandIn(password.value), span: [password.start, password.end] };
  // Formats find the literal parts of a value that holds a variable; a value judged whole is a literal only whole.
  if (candidate.value.includes(UNKNOWN_MARK)) return undefined;
  if (candidate.kind !== undefined) return { kind: candidate.kind, placeholder: !candidate.hash && isStandIn(candidate.value), ...(candidate.hash ? { hash: candidate.hash } : {}) };
  if (candidate.name === undefined || !isSecretName(candidate.name) || isNonSecretValue(candidate.value, candidate.name)) return undefined;
  if (candidate.siblings && isAccessKeyId(candidate.name, candidate.siblings)) return undefined;
  if (isWorkingDirectory(candidate.name, candidate.value)) return undefined;
  // Under a password's name, a hash is the verifier stored in its place; under a token's or key's, it is the secret.
  const scheme = nameKind(candidate.name) === 'password' ? passwordHashScheme(candidate.value) : undefined;
  if (scheme !== undefined) return { kind: `${scheme} password hash`, placeholder: false, hash: scheme };
  return { kind: nameKind(candidate.name), placeholder: isStandIn(candidate.value) };
}

/** A token whose every character after its prefix is the same (`dop_v1_000...`) was never filled in; a key block never counts. */
function filledWithOneCharacter(token: { kind: string; value: string }): boolean {
  return token.kind !== 'private key' && /^(?:[A-Za-z0-9]+[_.-])*?([A-Za-z0-9])\1{11,}$/.test(token.value);
}

/**
 * Where a secret is: at the part of the value it is when the value maps column for column onto
 * its scalar's text (not a shell word with quotes in it), else at the value. `fromDefault`: the
 * secret itself, not just another part of the value, comes from a `${VAR:-default}`.
 */
function locate(candidate: Candidate, span: [number, number] | undefined): { at: Loc; fromDefault: boolean } {
  const { from } = candidate;
  if (!from) return { at: candidate.at, fromDefault: false };
  const inside = span !== undefined && (span[0] > 0 || span[1] < candidate.value.length) && from.end - from.start === candidate.value.length;
  if (!inside) return { at: candidate.at, fromDefault: fromDefaultIn(from.fixed, from.start, from.end) };
  const [start, end] = [from.start + span[0], from.start + span[1]];
  return { at: fixedLoc(from.node, from.fixed, start, end) ?? candidate.at, fromDefault: fromDefaultIn(from.fixed, start, end) };
}

export const noHardcodedSecret = defineRule({
  meta: {
    id: 'no-hardcoded-secret',
    title: 'Do not hardcode secrets in compose or env files',
    description:
      'A password, token or key written in the compose file ends up in version control, in `docker inspect`, in every process\'s environment and in `docker compose config` output. Reported: a literal value for a secret-shaped name (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*API_KEY*`, `*ACCESS_KEY*`, `*CREDENTIAL*`...) in `environment` and build args, and in env files other than the untracked `.env` and `*.local` ones (a warning, as the linter cannot tell whether the file is committed; an error in a template such as `.env.example`); passwords and tokens given on the command line in command, entrypoint or healthcheck (`mysql -psecret`, `curl -u user:secret`, `redis-cli -a`, `sqlcmd -P`, `cqlsh -p`, `rabbitmqctl add_user`, `mc alias set`, `htpasswd -b`, `--requirepass`, `--password=...`, `PGPASSWORD=... psql`); credentials inside connection URLs, `key=value;` connection strings (`Server=db;Password=...`) and libpq keyword/value strings (`host=db password=...`); secrets a structured value names: the options of a JAAS configuration named like secrets (`password="..."`, and Kafka\'s `user_<name>="..."` users) and the string members of a JSON value (`SPRING_APPLICATION_JSON: \'{"spring.datasource.password":"..."}\'`); the options in variables a launcher splits into options (`JAVA_OPTS`, `KAFKA_OPTS`, `*_OPTIONS`, `*_ARGS`, `*_FLAGS`: `-Dspring.datasource.password=...`; options only, written with a dash, where `$` is literal and `${...}` a placeholder); the password of `user:password` values named for them (Confluent\'s `*_BASIC_AUTH_USER_INFO`, `BASIC_AUTH`, Traefik\'s `basicauth.users` labels), and password hashes (bcrypt, apr1, MD5- and SHA-crypt, `{SHA}`, `{SSHA}`, PBKDF2, Argon2) there or under a password\'s name, as warnings: a verifier, not the password, but whoever reads it can guess the password offline; and well-known token formats (AWS keys, GitHub, GitLab, Slack, Stripe, npm, PyPI, Docker Hub, Hugging Face, OpenAI, Anthropic, SendGrid, Grafana, Tailscale, DigitalOcean, Shopify, Sentry, New Relic and Telegram bot tokens, Slack, Discord and Microsoft Teams webhook URLs, the signature of Teams Workflows, Power Automate and Logic Apps trigger URLs, private-key blocks, JWTs) anywhere in environment, labels (the service\'s and `deploy.labels`), command, entrypoint or healthcheck. The driver options of top-level volumes: the password of the local driver\'s mount options (`o: "...,password=..."` of a CIFS share) and options judged by name (a plugin\'s `password`). Outside services, the `content` of top-level configs and every `x-` extension field are checked by format only (tokens, keys, URL and connection-string passwords, and the JAAS options and JSON members named like secrets that they hold). Also reported: a literal committed as the default of `${VAR:-default}` (used whenever VAR is unset), values written with `$$` (a literal dollar), and a secret found by its format (token, URL or connection-string password, command-line or mount option) in the literal part of a value that also holds a variable (`postgres://app:pw@${DB_HOST}/app`), at its written columns. Not reported: `${VAR}` values without a default, a secret a variable without a default is part of or next to (`postgres://app:${PW}x@db`), a value judged by its name alone that holds such a variable (`POSTGRES_PASSWORD: ${PREFIX}secret`), empty values, `*_FILE` variables, paths such as `/run/secrets/db-password`, booleans, small numbers and settings such as `PASSWORD_MIN_LENGTH` (a short number is reported only as the value of a password itself, a weak one: `MYSQL_ROOT_PASSWORD: 1234`). Markers never filled in (`<your-token>`, `xxx`) are notes; weak words such as `changeme` or `password` work as written and are errors (stand-ins, so notes, only in a template such as `.env.example`). Messages never include the secret.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 7.5,
    recommended: true,
    fixable: false,
    messages: {
      hardcoded: '{{where}} of {{services}} holds a hardcoded {{kind}} ({{length}} characters); read it from a secret (`secrets:` / *_FILE) or from ${VAR} interpolation of an untracked .env',
      hardcodedDefault: '{{where}} of {{services}} holds a hardcoded {{kind}} ({{length}} characters) as the default of a ${VAR:-default}, used whenever the variable is unset; drop the default (`${VAR:?}` makes Compose refuse to start without the variable) and set it in an untracked .env, or read the value from a secret',
      hardcodedCommand: '{{where}} of {{services}} holds a hardcoded {{kind}} ({{length}} characters), shown by `docker inspect` and `ps`; have the container\'s shell read it at run time (`$$(cat /run/secrets/<name>)` with `secrets:`, or `$${VAR}` from an environment variable) or give it to the tool through its own variable (MYSQL_PWD, PGPASSWORD, REDISCLI_AUTH)',
      hash: '{{where}} of {{services}} holds a password hash ({{scheme}}, {{length}} characters), committed with this file: whoever reads it can guess the password offline{{speed}}; keep it in a file that is not committed (a mounted secret, Traefik\'s usersFile) or supply the value through ${VAR} from an untracked .env',
      placeholder: '{{where}} of {{services}} holds a placeholder {{kind}}; make sure the real value is supplied through a secret or ${VAR}, not by editing this file',
      envFile: '{{where}} of {{services}} holds a literal {{kind}} ({{length}} characters); if this file is committed, the value is in the repository history: keep the file untracked (.gitignore, as .env is) or read the value from a secret (`secrets:` / *_FILE)',
      envFileTemplate: '{{where}} of {{services}} holds a {{kind}} ({{length}} characters) in a template meant to be committed; leave a placeholder there and supply the real value from an untracked copy or a secret',
      envFilePlaceholder: '{{where}} of {{services}} holds a placeholder {{kind}}; if this file is committed, supply the real value from an untracked file or a secret, not by editing this one',
      unattached: '{{where}} holds a hardcoded {{kind}} ({{length}} characters), committed with this file; move it to a secret (`secrets:` with `file:` or `environment:`) or to ${VAR} interpolation of an untracked .env',
      unattachedPlaceholder: '{{where}} holds a placeholder {{kind}}; make sure the real value is supplied through a secret or ${VAR}, not by editing this file',
      volumeOption: '{{where}} holds a hardcoded {{kind}} ({{length}} characters), committed with this file and shown by `docker volume inspect`; supply it through ${VAR} interpolation of an untracked .env',
      volumeOptionPlaceholder: '{{where}} holds a placeholder {{kind}}; supply the real value through ${VAR} interpolation of an untracked .env, not by editing this file',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 4.10: Ensure secrets are not stored in Dockerfiles',
      'OWASP Docker Security Cheat Sheet RULE #12: Utilize Docker Secrets for Sensitive Data Management',
      'KICS: none for docker-compose (generic "Passwords And Secrets" queries)',
    ],
    tags: ['security', 'secrets'],
  },
  check({ project, report }) {
    // A value in an anchor (`<<: *env`) or an extended service is one secret in one place, whatever
    // the services using it: each finding names them all, so the engine keeps one of the identical
    // findings (the first one a per-service exclusion leaves).
    const found = scan(project).filter((f) => !f.untracked);
    const users = new Map<string, string[]>();
    for (const { service, key } of found) {
      if (!service) continue;
      const names = users.get(key) ?? [];
      if (!names.includes(service.name)) names.push(service.name);
      users.set(key, names);
    }
    for (const { service, where, kind, placeholder, envFile, volumeOption, fromDefault, commandLine, hash, loc, length, key } of found) {
      if (!service) {
        const messageId = volumeOption ? (placeholder ? 'volumeOptionPlaceholder' : 'volumeOption') : placeholder ? 'unattachedPlaceholder' : 'unattached';
        // A password hash is a verifier here too: a warning.
        const severity = placeholder ? 'note' : hash ? 'warning' : undefined;
        report({ messageId, data: { where, kind, length }, at: loc, ...(severity ? { severity } : {}) });
        continue;
      }
      const data = { services: serviceList(users.get(key)!), where, kind, length };
      if (hash && !placeholder && !envFile) {
        // A verifier, not the password: a warning, stronger when the scheme is fast to attack.
        report({ messageId: 'hash', data: { ...data, scheme: hash, speed: isSlowHash(hash) ? '' : ', quickly with this scheme' }, at: loc, service, severity: 'warning' });
        continue;
      }
      const messageId = placeholder ? (envFile ? 'envFilePlaceholder' : 'placeholder') : envFile ? (envFile.template ? 'envFileTemplate' : 'envFile') : fromDefault ? 'hardcodedDefault' : commandLine ? 'hardcodedCommand' : 'hardcoded';
      const finding: Report = { messageId, data, at: loc, service };
      // Error when the value is known to be committed (the compose file, a template); a warning
      // when only the file's name could tell.
      if (placeholder) finding.severity = 'note';
      else if (envFile && !envFile.template) finding.severity = 'warning';
      report(finding);
    }
  },
});

/**
 * Where every secret value of the project is written, whatever is reported: in untracked env files,
 * in suppressed or excluded findings, with this rule off. Reporters mask these places in code
 * frames and diffs, which show lines around other rules' findings too.
 */
export function secretLocations(project: Project): Loc[] {
  return scan(project).filter((f) => !f.placeholder).map((f) => f.loc);
}

interface Found {
  /** None for a value outside services: a config's `content`, a volume's driver option, an extension field. */
  service?: Service;
  where: string;
  kind: string;
  placeholder: boolean;
  envFile: Candidate['envFile'];
  untracked: boolean;
  volumeOption?: true;
  /** The secret is the default of a `${VAR:-default}`. */
  fromDefault: boolean;
  commandLine: boolean;
  /** The scheme of a password hash. */
  hash: string | undefined;
  loc: Loc;
  length: number;
  /** Place and wording: the services sharing one value (an anchor) share it. */
  key: string;
}

/** Every secret-like value of a project, untracked env files included: once per project, for the rule and for masking. */
const scans = new WeakMap<Project, Found[]>();
function scan(project: Project): Found[] {
  let found = scans.get(project);
  if (found) return found;
  found = [];
  const push = (candidate: Candidate, classified: Classified, service: Service | undefined): Found => {
    const { at: loc, fromDefault } = locate(candidate, classified.span);
    // Outside services the messages do not tell a default apart: the place says it.
    const where = fromDefault && !service ? `${candidate.where} (as written, \${VAR:-default} defaults included)` : candidate.where;
    const length = classified.span ? classified.span[1] - classified.span[0] : candidate.value.length;
    const one: Found = { where, kind: classified.kind, placeholder: classified.placeholder, envFile: candidate.envFile, untracked: candidate.untracked === true, fromDefault, commandLine: candidate.commandLine === true, hash: classified.hash, loc, length, key: `${locKey(loc)} ${where}` };
    if (service) one.service = service;
    if (candidate.volumeOption) one.volumeOption = true;
    found!.push(one);
    return one;
  };
  // The JAAS options and JSON members of a value that are named like secrets are judged on their own.
  for (const service of project.services) {
    for (const candidate of candidates(service)) {
      for (const part of split(candidate, partsOf(candidate))) {
        const classified = classify(part);
        if (classified) push(part, classified, service);
      }
    }
  }
  // A value a service uses is reported there, naming the service; the rest once, where it is written.
  const seen = new Set(found.map((f) => locKey(f.loc)));
  for (const unattached of unattachedValues(project)) {
    for (const { where, ...value } of split(unattached, partsOf(unattached))) {
      const classified = classify({ where: '', ...value });
      if (!classified || seen.has(locKey(locate({ where: '', ...value }, classified.span).at))) continue;
      seen.add(locKey(push({ where: where(), ...value }, classified, undefined).loc));
    }
  }
  scans.set(project, found);
  return found;
}

function locKey(loc: Loc): string {
  return `${loc.file}:${loc.line}:${loc.column}:${loc.endLine}:${loc.endColumn}`;
}

/** `service "a"`, `services "a" and "b"`, `services "a", "b", "c", "d", "e" and 3 more`. */
function serviceList(names: string[]): string {
  return `service${names.length > 1 ? 's' : ''} ${andList(names.map((n) => `"${n}"`))}`;
}
