/**
 * Secret detection by variable name (with a literal value), env file roles, placeholders and
 * weak values; secrets found by format whatever the key are in secret-formats.ts.
 */
import { connectionPasswords, tokenKind, urlPasswordSpans } from './secret-formats.js';
import { endsWithSegments } from './name-segments.js';
import { asciiLower } from '../ascii.js';

/**
 * A password's name. Short forms count only as whole name segments: `DB_PWD`, `REDIS_USERPASS`,
 * `SMTP_PW`, not `OLDPWD`; `PW` only at the end (`PW_TEST_*` are Playwright settings).
 */
const PASSWORD_NAME = /PASSWORD|PASSWD|PASSPHRASE|(?:^|_)(?:USER)?(?:PASS|PWD)(?:_|$)|(?:^|_)PW$/;
/** Substrings of a variable name that make its value a secret, besides a password's. */
const SECRET_PARTS = [
  'SECRET', 'TOKEN', 'APIKEY', 'API_KEY', 'PRIVATEKEY', 'PRIVATE_KEY', 'ACCESSKEY', 'ACCESS_KEY', 'CREDENTIAL', 'AUTHKEY', 'AUTH_KEY',
  'SIGNINGKEY', 'SIGNING_KEY', 'MASTERKEY', 'MASTER_KEY', 'PRESHAREDKEY', 'PRESHARED_KEY',
];
/** Name segments before a final `_KEY` or `_KEYS` that make it a secret key: `JWT_KEY`, `WORDPRESS_LOGGED_IN_KEY`. */
const KEY_KINDS = new Set(['FERNET', 'HMAC', 'JWT', 'SESSION', 'COOKIE', 'CIPHER', 'NONCE', 'LOGGED_IN']);

/**
 * Whether an upper snake case name holds a secret's word: a password's, a part such as `SECRET`
 * or `API_KEY`, an encryption key (`ENCRYPTION_KEY`, `ENCRYPTION_MASTER_KEYS`), Laravel's
 * `APP_KEY`, a key of a kind (`JWT_KEY`), a salt or a pre-shared key. Words and segments, not
 * one pattern of them all: compiling that, twice, cost more than every name a run looks at.
 */
function hasSecretWord(name: string): boolean {
  if (PASSWORD_NAME.test(name) || SECRET_PARTS.some((part) => name.includes(part))) return true;
  if (name.includes('ENCRYPTION') && /ENCRYPTION(?:_[A-Z]+)?_?KEYS?/.test(name)) return true;
  if (name === 'APP_KEY') return true;
  const segments = name.split('_');
  const last = segments[segments.length - 1]!;
  if (last === 'SALT' || last === 'SALTS' || last === 'PSK' || last === 'PSKS') return true;
  if ((last !== 'KEY' && last !== 'KEYS') || segments.length < 2) return false;
  return KEY_KINDS.has(segments[segments.length - 2]!) || (segments.length > 2 && KEY_KINDS.has(`${segments[segments.length - 3]}_${segments[segments.length - 2]}`));
}
/**
 * Names that contain a secret word but hold metadata about it (`*_FILE`, `PASSWORD_MIN_LENGTH`,
 * `TOKEN_EXPIRY`, `TOKEN_ISSUER`, `SECRETS_PROVIDER`, `PASSWORD_HASHER`, durations and sizes such
 * as `TOKEN_LIFETIME_SECONDS: 2592000`, Confluent's
 * `*_KEYSTORE_CREDENTIALS` file names...) or an identifier that goes with it, like a user name
 * (`AWS_ACCESS_KEY_ID`, `OAUTH_CLIENT_ID`). Not `*_TOKEN_ID`: Vault's `VAULT_DEV_ROOT_TOKEN_ID` is
 * the root token itself.
 */
const NOT_SECRET_NAME_ENDS = new Set([
  'KEYSTORE_CREDENTIALS', 'KEY_CREDENTIALS', 'TRUSTSTORE_CREDENTIALS', 'KEY_ID', 'KEYID',
  'CLIENT_ID', 'KEY_ALIAS', 'KEY_ARN', 'FILE', 'FILENAME', 'FILEPATH', 'PATH', 'DIR', 'LENGTH',
  'LEN', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'EXPIRE', 'EXPIRES_IN', 'TTL', 'TIMEOUT', 'LIFETIME',
  'AGE', 'SECONDS', 'SECS', 'SEC', 'MS', 'MILLIS', 'MINUTES', 'MINS', 'HOURS', 'DAYS', 'WEEKS',
  'SIZE', 'BYTES', 'LIMIT', 'INTERVAL', 'RETRIES', 'ATTEMPTS', 'HEADER', 'URL', 'URI', 'ENDPOINT',
  'HOST', 'PORT', 'USER', 'USERNAME', 'ENABLED', 'ENABLE', 'REQUIRED', 'TYPE', 'METHOD', 'POLICY',
  'ALGORITHM', 'ALG', 'NAME', 'ID_FILE', 'COUNT', 'ROUNDS', 'ITERATIONS', 'HASH_ALGORITHM',
  'ISSUER', 'AUDIENCE', 'STORE', 'PROVIDER', 'BACKEND', 'HASHER', 'ENCODER', 'PREFIX', 'LOCATION',
  'FORMAT', 'VALIDITY', 'COMPLEXITY', 'SCHEDULE', 'ROTATION', 'MODE', 'STRATEGY', 'FIELD',
  'ENCRYPTION',
]);

/** Upper snake case, camelCase split into segments (`dbPwd` is DB_PWD, `jwtSecretFile` JWT_SECRET_FILE). */
function normalName(name: string): string {
  return name.trim().replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().replace(/[-.]/g, '_');
}

export function isSecretName(name: string): boolean {
  const upper = normalName(name);
  if (upper === 'PWD') return false; // the working directory
  // `PASS_THROUGH_HEADERS`: passing through, not a password; `PASSWORDLESS_LOGIN`: a way to sign in without one.
  const named = upper.includes('PASS') ? upper.replace(/(?:^|_)PASS_?THROUGH(?=_|$)/g, '_THROUGH').replace(/PASS(?:WORD)?_?LESS/g, 'LESS') : upper;
  return hasSecretWord(named) && !endsWithSegments(named, NOT_SECRET_NAME_ENDS, false);
}

/**
 * What an env file's name says about whether it is committed: `.env` and `*.local` files
 * (`.env.local`, `.env.production.local`, `app.local.env`) are local and untracked by convention;
 * `*.example`, `*.sample`, `*.template`, `*.dist` files are templates, committed on purpose;
 * anything else (`app.env`, `config/db.env`, `.env.prod`) could be either. The last such word decides.
 */
export function envFileRole(path: string): 'local' | 'template' | 'unknown' {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  if (name === '.env') return 'local';
  // The role word nearest the end decides: `.env.local.example` is a template, `.env.sample.local` a local copy of one.
  for (const word of name.split(/[._-]/).reverse()) {
    if (/^(?:examples?|samples?|templates?|tmpl|tpl|dist)$/.test(word)) return 'template';
    if (word === 'local') return 'local';
  }
  return 'unknown';
}

/**
 * `S3_ACCESS_KEY` next to `S3_SECRET_KEY`: in that pair (MinIO, S3 clients) the access key is the
 * key's ID, a user name. Alone (`AZURE_STORAGE_ACCESS_KEY`) it is the secret.
 */
export function isAccessKeyId(name: string, siblings: Iterable<string>): boolean {
  const prefix = /^(.*?)ACCESS_?KEY$/.exec(normalName(name))?.[1];
  if (prefix === undefined || hasSecretWord(prefix)) return false;
  for (const sibling of siblings) {
    const other = normalName(sibling);
    if (other === `${prefix}SECRET_KEY` || other === `${prefix}SECRET_ACCESS_KEY` || other === `${prefix}SECRET`) return true;
  }
  return false;
}

/**
 * `HOST_PWD=/srv/app`: a name that is secret only through its `PWD` segment, holding a path, is a
 * working directory like the shell's `PWD`, not a password.
 */
export function isWorkingDirectory(name: string, value: string): boolean {
  const upper = normalName(name);
  if (!/(?:^|_)PWD(?:_|$)/.test(upper) || hasSecretWord(upper.replace(/PWD/g, '_'))) return false;
  return /^(?:~|\.{1,2})?\/[^\s:]*$|^(?:~|\.{1,2})$/.test(value.trim());
}

/** An AWS secret access key is recognisable by its variable name only. */
export function nameKind(name: string): string {
  const upper = normalName(name);
  if (/AWS_SECRET/.test(upper)) return 'AWS secret access key';
  if (PASSWORD_NAME.test(upper)) return 'password';
  if (/TOKEN/.test(upper)) return 'token';
  if (/KEY/.test(upper)) return 'key';
  return 'secret';
}

/**
 * Names under which a short number is the password itself, a weak one (`MYSQL_ROOT_PASSWORD: 1234`):
 * the password word ends the name, unlike settings about a password (`PASSWORD_EXPIRY_DAYS`,
 * `PASS_MAX_DAYS`), and no word makes it a switch (`MYSQL_RANDOM_ROOT_PASSWORD: 1`, `ALLOW_EMPTY_PASSWORD`).
 */
const PASSWORD_LAST = /(?:PASSWORD|PASSWD|PASSPHRASE|(?:^|_)(?:USER)?(?:PASS|PWD|PW))$/;
const PASSWORD_SWITCH = /(?:^|_)(?:ALLOW|RANDOM|EMPTY|GENERATE|ONETIME|REQUIRE|REQUIRED|SKIP|DISABLE|DISABLED|ENABLE|ENABLED|USE|NO|FORCE|RESET|CHANGE|MIN|MAX|LENGTH)_/;

/** Suffixes that make a secret's name a setting's when the value is one (SETTING_VALUE): a secret may be named for its purpose too. */
const SETTING_SUFFIX = /_(?:ENV|ENV_VAR|VAR|VARIABLE|REFRESH|RESET|GRANT)$/;
const SETTING_VALUE = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|enabled?|disabled?|beta|alpha|always|never|auto|include|omit|same-origin|email|sms|client_credentials|authorization_code|refresh_token|implicit|\d+[smhdw])$/;

/** Names of a setting that names how secrets are hashed or encoded, when its value is an algorithm. */
const HASH_SETTING = /(?:HASH|HASHING|HASHER|ENCODING|SCHEME)$/;
const ALGORITHM = /^(?:bcrypt|argon2(?:id|i|d)?|scrypt|pbkdf2(?:[-_]sha-?\d+)?|sha-?(?:1|224|256|384|512)(?:[-_]?crypt)?|md5(?:[-_]?crypt)?|plain(?:text)?|scram-sha-(?:1|256)|crypt|ssha|yescrypt)$/i;

const NON_SECRET_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'none', 'null']);

/** Values that cannot be a secret: booleans, small numbers but a password's own (`0` and `1` are booleans there too), references to secret files. */
export function isNonSecretValue(value: string, name?: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  // Not `trust` or `md5`: those are settings only under names such as POSTGRES_HOST_AUTH_METHOD (not
  // secret names); under a key's name (`TYPESENSE_API_KEY: trust`) the word is the key, a guessable one.
  if (NON_SECRET_WORDS.has(asciiLower(text))) return true;
  if (/^\d{1,5}$/.test(text)) {
    const upper = name === undefined ? '' : normalName(name);
    return text === '0' || text === '1' || !PASSWORD_LAST.test(upper) || PASSWORD_SWITCH.test(upper);
  }
  // `PASSWORD_HASH: bcrypt`, `--password-hash=argon2id`: the algorithm, not a hash.
  if (name !== undefined && HASH_SETTING.test(normalName(name)) && ALGORITHM.test(text)) return true;
  // `--oauth-client-secret-env=CLIENT_SECRET`, `TOKEN_REFRESH: beta`: a setting, when its value is one
  // (a variable's name, a switch word, a duration); `JWT_SECRET_REFRESH: <random>` stays a secret.
  if (name !== undefined && SETTING_SUFFIX.test(normalName(name)) && SETTING_VALUE.test(text)) return true;
  // A template expression (Jinja, Ansible, Go templates, Helm): the file is rendered, the secret comes in then.
  if (/\{\{[^{}]+\}\}|\{%[^%]*%\}/.test(text)) return true;
  // A path: the secret lives in a file (Docker secrets under /run/secrets, a mounted key...). `./`,
  // `../` or `~/` make one segment a path (`./db-password`); an absolute one needs two (`/pw` could be a password).
  if (/^(?:\/[\w.@+-]+(?:\/[\w.@+-]+)+|(?:\.\.?|~)(?:\/[\w.@+-]+)+)\/?$/.test(text)) return true;
  return false;
}

/**
 * Obvious placeholders: markers that show the slot instead of filling it (`<your-password>`,
 * `your_token_here`, `[secret]`, `enter key`) or hide the value (`xxx`, `***`, `...`). No one runs
 * a container with such a value on purpose: it was never filled in. Words and phrases that work as
 * written are not placeholders, instructions included (`changeme`, `change-me-in-production`): see
 * WEAK_VALUES and isTemplateStandIn.
 */
const PLACEHOLDERS = [
  /^<[^<>]*>$/,
  /^\[[^[\]]*\]$/,
  /^x{3,}$/i,
  /^\*{3,}$/,
  /^\.{3,}$/,
  /^your[-_ ]?[a-z_-]*$/i,
  /[-_ ](?:here|goes[-_ ]?here)$/i,
  /^(?:token|key|password|pass|secret|api[-_]?key)[-_ ]?(?:here|goes[-_ ]?here)$/i,
  /^(?:placeholder|todo|tbd|fixme|redacted|insert[-_ ].*|enter[-_ ].*)$/i,
];

/**
 * Parts that make the whole value a placeholder: `tskey-auth-<ADD-YOUR-AUTH-KEY-HERE>`,
 * `sk-YOUR_API_KEY`, `ghp_xxxxxxxx`, and AWS's documentation keys (`AKIAIOSFODNN7EXAMPLE`). A real
 * secret that happens to hold one is still reported, as a note.
 */
const PLACEHOLDER_PARTS = [
  /<[A-Za-z][\w .-]{2,}>/,
  /(?:^|[^a-z0-9])your(?:[-_ ][a-z0-9]|(?:key|token|password|pass|secret|apikey)(?:[^a-z0-9]|$))/i,
  /[-_ ](?:here|goes[-_ ]?here)(?:[^a-z0-9]|$)/i,
  /(?:^|[^a-z0-9])x{4,}(?:[^a-z0-9]|$)/i,
  /\.{3}|\u2026/,
  /EXAMPLE(?:KEY)?$/,
];

export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  return PLACEHOLDERS.some((pattern) => pattern.test(text)) || PLACEHOLDER_PARTS.some((pattern) => pattern.test(text));
}

/**
 * The values attackers try first: defaults software ships (`changeme`, Java's `changeit`, `admin`,
 * `root`), the name of the thing (`password`, `secret`, `token`), the top of leaked-password lists
 * and short numbers (`1234`). A container given one runs with it, so in a compose file, or an env
 * file that may be used as it is, such a value is a working credential anyone can guess: not a placeholder.
 */
const WEAK_VALUES =
  /^(?:pass(?:word|wd)?\d*|pwd|p[a@]ssw[o0]rd\d*|secret\d*|my[-_]?(?:secret|password)|token|api[-_]?key|change[-_ ]?(?:me|it)\d*|default|admin(?:istrator)?\d*|root|toor|test\d*|guest|user|demo|dummy|example|sample|letmein|welcome\d*|qwerty\d*|azerty|abc123|iloveyou|monkey|dragon|master|1234567?8?9?0?|0{6,}|1{6,}|123123|654321|\d{1,5})$/i;

export function isWeakValue(value: string): boolean {
  return WEAK_VALUES.test(value.trim());
}

/** An instruction in the value: `change-me-in-production`, `replace_this`, `Bearer changeme`. */
const INSTRUCTION = /(?:^|[^a-z0-9])(?:change|replace|fill|set|update)[-_ ]?(?:me|it|this)(?:[^a-z0-9]|$)/i;

/**
 * In a template (`.env.example`), copied and filled in before use, weak words and instructions
 * stand in for the real value as markers do; a value that could be real is still an error there.
 */
export function isTemplateStandIn(value: string): boolean {
  return isPlaceholder(value) || isWeakValue(value) || INSTRUCTION.test(value.trim());
}

/**
 * Written text with what could be a secret replaced by `***`: URL and connection-string passwords
 * (literal or from a `${VAR:-default}`), defaults of secret-named variables, and token-shaped defaults. For messages
 * that quote a value as written (the engine's "written as"), which code-frame masking does not reach.
 */
export function redactWritten(written: string): string {
  const reference = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;
  let connection = written;
  for (const { start, end } of connectionPasswords(written).reverse()) {
    if (!reference.test(written.slice(start, end))) connection = `${connection.slice(0, start)}***${connection.slice(end)}`;
  }
  let urls = connection;
  for (const { start, end } of urlPasswordSpans(connection).reverse()) {
    if (!reference.test(connection.slice(start, end))) urls = `${urls.slice(0, start)}***${urls.slice(end)}`;
  }
  return urls.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)([^${}]+)\}/g, (whole, name: string, op: string, fallback: string) =>
    isSecretName(name) || tokenKind(fallback) !== undefined ? `\${${name}${op}***}` : whole,
  );
}

/** Password hashes as htpasswd and crypt(3) write them, by scheme: a verifier, crackable offline, the weak schemes fast. */
const PASSWORD_HASHES: [RegExp, string][] = [
  [/^\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}$/, 'bcrypt'],
  [/^\$apr1\$[./A-Za-z0-9]{0,8}\$[./A-Za-z0-9]{22}$/, 'MD5-based apr1'],
  [/^\$1\$[^$:]{0,8}\$[./A-Za-z0-9]{22}$/, 'MD5-crypt'],
  [/^\$[56]\$(?:rounds=\d+\$)?[^$:]{0,16}\$[./A-Za-z0-9]{43,86}$/, 'SHA-crypt'],
  [/^\{SHA\}[A-Za-z0-9+/]{27}=$/, 'unsalted SHA-1'],
  [/^\{SSHA(?:256|512)?\}[A-Za-z0-9+/]{20,}={0,2}$/, 'LDAP salted SHA'],
  [/^pbkdf2_sha(?:1|256)\$\d+\$[^$\s]+\$[A-Za-z0-9+/]+={0,2}$/, 'PBKDF2'],
  [/^\$pbkdf2(?:-sha(?:256|512))?\$\d+\$[./A-Za-z0-9]+\$[./A-Za-z0-9]+$/, 'PBKDF2'],
  [/^\$argon2(?:id|i|d)\$v=\d+\$[^\s$]+\$[^\s$]+\$[^\s$]+$/, 'Argon2'],
];

/** The scheme of a password hash (`bcrypt`, `MD5-based apr1`), or undefined for anything else. */
export function passwordHashScheme(value: string): string | undefined {
  const text = value.trim();
  // Every scheme above starts so: most values under a password's name compile none of the patterns.
  if (text[0] !== '$' && text[0] !== '{' && !text.startsWith('pbkdf2_')) return undefined;
  return PASSWORD_HASHES.find(([pattern]) => pattern.test(text))?.[1];
}

/** Schemes built to be slow to guess against; the others fall quickly to a dictionary. */
export function isSlowHash(scheme: string): boolean {
  return scheme === 'bcrypt' || scheme === 'SHA-crypt' || scheme === 'Argon2' || scheme === 'PBKDF2';
}

/**
 * Names whose value is `user:password`, or a comma-separated list of them: Confluent's
 * `*_BASIC_AUTH_USER_INFO`, `BASIC_AUTH`, Traefik's `basicauth.users` and `digestauth.users` labels.
 */
const USER_INFO_NAME = new Set([
  'USER_INFO', 'USERINFO', 'BASIC_AUTH', 'BASICAUTH', 'BASIC_AUTH_CREDENTIALS', 'BASICAUTH_CREDENTIALS', 'BASIC_AUTH_USER', 'BASICAUTH_USER',
  'BASIC_AUTH_USERS', 'BASICAUTH_USERS', 'DIGEST_AUTH_USER', 'DIGESTAUTH_USER', 'DIGEST_AUTH_USERS', 'DIGESTAUTH_USERS', 'AUTH_CREDENTIALS', 'HTPASSWD',
]);
/** `user:password` entries, separated by commas or lines (an htpasswd text); a URL (`https://...`) is not one, nor a password holding a comma. */
const USER_INFO_VALUE = /^\s*[^\s:,/]+:(?!\/\/)[^\s,]+\s*(?:[,\n]\s*[^\s:,/]+:(?!\/\/)[^\s,]+\s*)*$/;

/**
 * The password (or hash) of each `user:password` entry of a value named for them, with its offsets;
 * none for another name, or for a value that is not such a list throughout (then it is judged whole).
 */
export function userInfoSecrets(name: string, value: string): { start: number; end: number; hash?: string }[] {
  if (!endsWithSegments(normalName(name), USER_INFO_NAME, true) || !USER_INFO_VALUE.test(value)) return [];
  const out: { start: number; end: number; hash?: string }[] = [];
  for (const m of value.matchAll(/[^\s:,/]+:([^\s,]+)/dg)) {
    const secret = m[1]!;
    const [start, end] = m.indices![1]!;
    const hash = passwordHashScheme(secret);
    if (hash !== undefined) out.push({ start, end, hash });
    else if (!secret.includes('${') && !isNonSecretValue(secret)) out.push({ start, end });
  }
  return out;
}
