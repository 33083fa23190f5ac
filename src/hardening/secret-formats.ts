/**
 * Secrets found by their format, whatever the key: well-known tokens, URL passwords and
 * connection-string passwords, each with where it is in the text (secrets.ts judges by name).
 */
import { UNKNOWN_MARK } from '../model/node.js';
import { asciiLower } from '../ascii.js';

/**
 * Well-known token formats; each has a fixed prefix or structure, so false positives are rare.
 * The last pattern of each is its hint: a literal every match holds, the cheap test made first.
 */
const TOKEN_FORMATS: [pattern: RegExp, kind: string, hint: RegExp][] = [
  // The block up to its END line (or the end of the value): all of it is the key.
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*)/, 'private key', /-----BEGIN /],
  // Access keys only (AKIA long-term, ASIA temporary, ABIA and ACCA of other partitions): AIDA, AROA
  // and the other unique-ID prefixes name users, roles and policies, which are not credentials.
  [/\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/, 'AWS access key ID', /A3T|AKIA|ASIA|ABIA|ACCA/],
  [/\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b/, 'GitHub token', /gh[oprsu]_/],
  [/\bgithub_pat_[A-Za-z0-9_]{40,}/, 'GitHub token', /github_pat_/],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'GitLab token', /glpat-/],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'Slack token', /xox[abposr]-/],
  // Whoever has the URL can post to the channel: all of it is the secret.
  [/\bhttps?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,}\/[A-Za-z0-9]{6,}\/[A-Za-z0-9/]{16,}/, 'Slack webhook URL', /hooks\.slack\.com\//],
  [/\bhttps?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{50,}/, 'Discord webhook URL', /discord/],
  [/\bhttps:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[0-9a-fA-F-]{36}@[0-9a-fA-F-]{36}\/IncomingWebhook\/[0-9a-fA-F]{32}\/[0-9a-fA-F-]{36}(?:\/[A-Za-z0-9_-]+)?/, 'Microsoft Teams webhook URL', /\.webhook\.office\.com\//],
  // A workflow trigger (Teams Workflows, Power Automate, Logic Apps) is public but for its signature: the secret is `sig`.
  [/\bhttps:\/\/[a-z0-9.-]+\.(?:logic\.azure\.com|api\.powerplatform\.com)(?::\d+)?\/(?:[\w/]+\/)?workflows\/[0-9a-fA-F-]{32,36}\/triggers\/[^\s?#]+\?(?:[^\s#]*&)?sig=(?<secret>[A-Za-z0-9_%-]{20,})/d, 'Microsoft workflow webhook signature', /logic\.azure\.com|api\.powerplatform\.com/],
  [/\b(?:sk|rk)_live_[A-Za-z0-9]{20,}/, 'Stripe key', /[rs]k_live_/],
  [/\bAIza[A-Za-z0-9_-]{35}\b/, 'Google API key', /AIza/],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'npm token', /npm_/],
  [/\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/, 'PyPI token', /pypi-/],
  [/\bdckr_pat_[A-Za-z0-9_-]{20,}/, 'Docker Hub access token', /dckr_pat_/],
  // 34 letters, as Hugging Face makes them (not `hf_transfer`, `hf_HubCacheDirectoryPath1`).
  [/\bhf_[A-Za-z]{34}\b/, 'Hugging Face token', /hf_/],
  // Project, service-account and admin keys (long, random: mixed case and digits, not a `sk-admin-panel-...` slug);
  // a legacy key holds "OpenAI" in base64 (T3BlbkFJ).
  [/\bsk-(?:proj|svcacct|admin)-(?=[\w-]{0,300}[A-Z])(?=[\w-]{0,300}[0-9])[A-Za-z0-9_-]{40,}|\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b/, 'OpenAI API key', /sk-/],
  [/\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,}/, 'Anthropic API key', /sk-ant-/],
  [/\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/, 'SendGrid API key', /SG\./],
  [/\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\b/, 'Grafana service account token', /glsa_/],
  [/\bglc_[A-Za-z0-9+/]{32,}={0,2}/, 'Grafana Cloud token', /glc_/],
  [/\btskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,}/, 'Tailscale key', /tskey-/],
  [/\bdo[opr]_v1_[a-f0-9]{64}\b/, 'DigitalOcean token', /do[opr]_v1_/],
  [/\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/, 'Shopify token', /shp(?:at|ca|pa|ss)_/],
  [/\bsntry[su]_[A-Za-z0-9+/=_-]{40,}/, 'Sentry auth token', /sntry[su]_/],
  [/\bNRAK-[A-Z0-9]{27}\b/, 'New Relic API key', /NRAK-/],
  // `<bot id>:<secret>`: whoever has it controls the bot.
  [/\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/, 'Telegram bot token', /:AA/],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'JWT', /eyJ/],
];

/**
 * Whether a text may hold a token: the hints joined. Nearly every value holds none, and these
 * literals cost about 0.2 ms to compile where the formats joined cost 2 ms, at every start; a
 * format's own pattern is compiled only when a value holds its hint.
 */
const TOKEN_HINT = new RegExp(
  TOKEN_FORMATS.map(([pattern, , hint]) => {
    // Joined, a hint would lose its flags, and a case-insensitive format needs a case-insensitive hint.
    if (hint.flags !== '' || pattern.flags.replace('d', '') !== '') throw new Error(`token format ${pattern} or its hint ${hint} has flags the joined hints would lose`);
    return hint.source;
  }).join('|'),
);

/** The kinds of token recognised, for tests that want a sample of each. */
export const TOKEN_KINDS: readonly string[] = [...new Set(TOKEN_FORMATS.map(([, kind]) => kind))];

export function tokenKind(text: string): string | undefined {
  if (!TOKEN_HINT.test(text)) return undefined;
  return TOKEN_FORMATS.find(([pattern, , hint]) => hint.test(text) && pattern.test(text))?.[1];
}

/** TOKEN_FORMATS, to search every match (the first may touch a variable); made when a value first holds a hint. */
let tokenSearch: (readonly [hint: RegExp, pattern: RegExp, kind: string])[] | undefined;

/** No variable without a default (UNKNOWN_MARK, see fixedText) in the secret, or next to it where it could continue it. */
function literalAt(text: string, start: number, end: number): boolean {
  return !text.slice(Math.max(0, start - 1), end + 1).includes(UNKNOWN_MARK);
}

/** A secret found inside a larger text, with its offsets (end exclusive). */
export interface SecretSpan {
  kind: string;
  value: string;
  start: number;
  end: number;
}

/** The first literal well-known token in a text, where it is: the whole match, or its `secret` group when it has one. */
export function findToken(text: string): SecretSpan | undefined {
  if (!TOKEN_HINT.test(text)) return undefined;
  tokenSearch ??= TOKEN_FORMATS.map(([pattern, kind, hint]) => [hint, new RegExp(pattern.source, `${pattern.flags}g`), kind] as const);
  for (const [hint, pattern, kind] of tokenSearch) {
    if (!hint.test(text)) continue;
    for (const match of text.matchAll(pattern)) {
      const [start, end] = match.indices?.groups?.secret ?? [match.index, match.index + match[0].length];
      if (literalAt(text, start, end)) return { kind, value: text.slice(start, end), start, end };
    }
  }
  return undefined;
}

/**
 * `scheme://user:` (group 1), then the password (group 2), up to the last `@` before the host, as
 * URL parsers read it (`user:p@ss@db`). The scheme may be a variable (`${DRIVER}://`, as written or
 * interpolated without a value: UNKNOWN_MARK): the password after it is written all the same.
 */
const URL_PASSWORD_SOURCE = String.raw`((?:(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*|\uE000|\$\{[^\s{}]*\}|\$[a-z_][a-z0-9_]*):\/\/[^\s:@/]*:)([^\s/]+)@(?=[^\s/@])`;
// Run on lower-cased text (asciiLower, same offsets): any case, without the i flag's compile cost.
const URL_PASSWORDS = new RegExp(URL_PASSWORD_SOURCE, 'dg');

/** Where the password of each `scheme://user:password@host` of a text is. */
export function urlPasswordSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const match of asciiLower(text).matchAll(URL_PASSWORDS)) {
    const [start, end] = match.indices![2]!;
    out.push({ start, end });
  }
  return out;
}

/** `scheme://user:password@host`: the first password part that is a literal (not `${VAR}`, not empty), and where it is. */
export function urlPassword(text: string): SecretSpan | undefined {
  for (const { start, end } of urlPasswordSpans(text)) {
    const password = text.slice(start, end);
    if (!password.includes('$') && literalAt(text, start, end)) return { kind: 'password in a connection URL', value: password, start, end };
  }
  return undefined;
}

/**
 * `Password=`, `Pwd=` or `Passwd=` (any case) as a pair of a `key=value;` connection string (ADO.NET,
 * ODBC, JDBC's `;password=`), of a URL query (`?user=u&password=p`) or of a libpq keyword/value
 * string (`host=db user=app password=p`). The start of the text counts only in a text with a `;`
 * or another libpq keyword, so that a lone `password=x` is left to the rules about names.
 */
// A blank starts a match only at the start of its run: from every blank of a long run, `[ \t]*` would rescan the rest (quadratic).
// Both run on lower-cased text (asciiLower): any case.
const CONNECTION_PASSWORD = /(?:^|[;?&]|[^\S \t]|(?<![ \t])[ \t])[ \t]*(?:password|pwd|passwd)[ \t]*=[ \t]*/g;
/** Another keyword of a libpq connection string: with one, blank-separated `password=` is one too. */
const BLANK = /\s/g;
const LIBPQ_KEYWORD = /(?:^|\s)(?:host|hostaddr|dbname|user|port|sslmode|application_name|connect_timeout)[ \t]*=/;

/** Every connection-string password in a text, literal or not, with its offsets (quotes and braces excluded). */
export function connectionPasswords(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  // A closing quote not found once is not found from any later place either: no quadratic rescans.
  const unclosed = new Set<string>();
  let libpq: boolean | undefined;
  const lower = asciiLower(text);
  for (const match of lower.matchAll(CONNECTION_PASSWORD)) {
    const head = match[0][0]!;
    const separated = head === ';' || head === '?' || head === '&';
    // A blank before the keyword (or the start of the text): libpq's form, or an ADO.NET string's first pair.
    const keyword = !separated && (libpq ??= !text.includes(';') && LIBPQ_KEYWORD.test(lower));
    if (!separated && !keyword && (match.index !== 0 || !text.includes(';'))) continue;
    let start = match.index + match[0].length;
    let end: number;
    const open = text[start];
    if (keyword) {
      // libpq: up to a blank, or a single-quoted value with backslash escapes.
      if (open === "'") {
        end = unclosed.has('libpq') ? text.length : start + 1;
        while (end < text.length && text[end] !== "'") end += text[end] === '\\' ? 2 : 1;
        if (end >= text.length) {
          unclosed.add('libpq');
          continue;
        }
        start++;
      } else {
        BLANK.lastIndex = start;
        end = BLANK.exec(text)?.index ?? text.length;
      }
    } else if (open === '"' || open === "'" || open === '{') {
      // ADO.NET quotes a value holding `;`, ODBC braces it.
      const close = open === '{' ? '}' : open;
      end = unclosed.has(close) ? -1 : text.indexOf(close, start + 1);
      if (end === -1) {
        unclosed.add(close);
        continue;
      }
      start++;
    } else {
      // A query value ends at `&` or a blank; a connection-string value only at `;` (blanks inside are part of it).
      // Each stop set holds the separators a next pair starts with, so no text is scanned twice.
      const stop = head === '?' || head === '&' ? /[&?;#\s"']/g : /[;\n"']/g;
      stop.lastIndex = start;
      end = stop.exec(text)?.index ?? text.length;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
    }
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** The first literal password of a connection string (`Server=db;User Id=sa;Password=...;`), where it is. */
export function connectionPassword(text: string): SecretSpan | undefined {
  for (const { start, end } of connectionPasswords(text)) {
    const value = text.slice(start, end);
    if (!value.includes('$') && literalAt(text, start, end)) return { kind: 'password in a connection string', value, start, end };
  }
  return undefined;
}
