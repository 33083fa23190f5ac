/**
 * Host names a service mentions in its environment, command, entrypoint and
 * healthcheck. Matching is by whole host token (`db`, `db:5432`, `@db/`, `//db`),
 * never by substring, so `db` does not match `dbadmin` or `db.example.com`.
 */
import { get, isMap, isScalar, isSeq, UNKNOWN_MARK, type LNode, type LScalar } from '../model/node.js';
import type { EnvVar, Service } from '../model/project.js';
import type { Loc } from '../types.js';
import { asciiUpper } from '../ascii.js';

export type ReferenceSource = 'environment' | 'command' | 'entrypoint' | 'healthcheck';

export interface HostMention {
  /** Lower-cased host token. */
  host: string;
  /**
   * True when the token stands where only a host name can stand (URL host, `host:port`,
   * `user@host`, `--host x`, or the whole value of a `*_HOST`-like variable). Weak mentions
   * are any other whole token: good enough to prove use, not to prove a broken lookup.
   */
  strong: boolean;
}

export interface TextReference {
  source: ReferenceSource;
  /** Variable name for environment values. */
  name?: string;
  text: string;
  at: LNode | Loc;
  /** The value could not be resolved (an interpolation without value). */
  unknown: boolean;
  /** For unknown values, the value with each unresolved part replaced by UNKNOWN_MARK. */
  masked?: string;
  /** The previous item of an exec-form list is a host flag (`["pg_isready", "-h", "db"]`). */
  afterHostFlag?: boolean;
}

const HOST_TOKEN = /[a-z0-9_.-]+/g;
const HOST_CHARS = /^[a-z0-9_][a-z0-9_.-]*$/;
/**
 * Variable names whose value is a host, a host list or an address: the last name segment ends with a
 * host word (`DB_HOST`, `PGHOST`, `DATABASE_URL`, `KAFKA_BOOTSTRAP_SERVERS`), optionally followed by an
 * index or `LIST` (`REDIS_HOST_2`, `BROKER_LIST`). Anchored on segments so that `CACHE_BACKEND=redis`,
 * `DB_CONNECTION=mysql` or `TARGET_ENV=staging`, which name a kind of thing, are not read as lookups.
 */
const HOSTISH_NAME = /(^|[_.-])[A-Z0-9]*(HOSTS?|HOSTNAMES?|ADDR(S|ESS|ESSES)?|URLS?|URIS?|DSN|ENDPOINTS?|BROKERS?|SERVERS?|UPSTREAMS?|PEERS?|NODES?|SEEDS?)([_.-](\d+|LIST))?$/;
/**
 * Host-like names whose value is the names this service answers to, not a peer it connects to:
 * `ALLOWED_HOSTS` (Django, also `DJANGO_ALLOWED_HOSTS`), `TRUSTED_HOSTS` (Symfony, Laravel),
 * `VIRTUAL_HOST` (nginx-proxy) and `LETSENCRYPT_HOST` (acme-companion), its public name.
 */
const OWN_NAMES = /(^|[_.-])(ALLOWED|TRUSTED|VIRTUAL|LETSENCRYPT)[_.-]?HOSTS?([_.-](\d+|LIST))?$/;

/** True for a variable whose value names hosts to look up: `DB_HOST`, `DATABASE_URL`, not `ALLOWED_HOSTS`. */
export function isHostLookupName(name: string): boolean {
  // Any case (`db_host`, `redisUrl`): the patterns are upper case, on the name folded like the `i` flag would.
  const upper = asciiUpper(name);
  return HOSTISH_NAME.test(upper) && !OWN_NAMES.test(upper);
}
const HOST_FLAGS: ReadonlySet<string> = new Set(['-h', '-H', '--host', '--hostname', '--server', '--addr', '--address', '--broker', '--endpoint', '--url', '--uri', '--dsn', '--connect']);

/** Stands for an unknown part of a value inside a host token, so `${PREFIX}db` never reads as `db`. */
const UNRESOLVED = '__unresolved__';

/** Replaces interpolations left in raw text: `${X:-d}` by its default, other variables by an unknown marker. */
export function stripInterpolation(text: string): string {
  return text
    .replace(/\$\$/g, '\u0000')
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1')
    .replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, UNRESOLVED)
    .replace(/\u0000/g, '$');
}

/** The known text of a reference: for a partly unresolved value, its masked form with unknown parts marked. */
export function knownText(ref: TextReference): string | undefined {
  if (!ref.unknown) return ref.text;
  return ref.masked === undefined ? undefined : ref.masked.split(UNKNOWN_MARK).join(UNRESOLVED);
}

/** True when raw text still holds a variable without a default (`${X}`, `${X:?err}`, `$X`), i.e. interpolation has not resolved it. */
export function hasUnresolvedVariable(text: string): boolean {
  return /\$\{[A-Za-z_][A-Za-z0-9_]*(\}|:?\?)|(^|[^$])\$[A-Za-z_]/.test(text);
}

/** Host mentions in one text, with their strength. `name` is the variable name for env values. */
export function mentions(rawText: string, name?: string, afterHostFlag = false): HostMention[] {
  const text = stripInterpolation(rawText).toLowerCase();
  const out: HostMention[] = [];
  const strong = new Set<string>();
  for (const m of text.matchAll(/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/(?:[^\s/@]*@)?(\[[^\]]+\]|[a-z0-9_.-]+)/g)) strong.add(m[1]!);
  for (const m of text.matchAll(/@([a-z0-9_][a-z0-9_.-]*)/g)) strong.add(m[1]!);
  // host:port, ignoring image tags such as `redis:7` (no port below 21 is a service port here).
  for (const m of text.matchAll(/(?<![a-z0-9_.:/-])([a-z_][a-z0-9_.-]*):(\d{2,5})(?![\d.])/g)) {
    if (Number(m[2]) >= 21) strong.add(m[1]!);
  }
  const whole = text.trim();
  const words = text.split(/[\s,;'"()=]+/).filter((w) => w !== '');
  const rawWords = text.split(/[\s,;'"()]+/).filter((w) => w !== '');
  for (let i = 0; i < rawWords.length; i++) {
    const word = rawWords[i]!;
    const eq = word.indexOf('=');
    if (eq !== -1 && HOST_FLAGS.has(word.slice(0, eq))) strong.add(word.slice(eq + 1));
    else if (HOST_FLAGS.has(word) && i + 1 < rawWords.length) strong.add(rawWords[i + 1]!);
  }
  if (afterHostFlag) strong.add(whole);
  if (name !== undefined && isHostLookupName(name)) {
    for (const part of whole.split(/[\s,;]+/)) if (HOST_CHARS.test(part)) strong.add(part);
  }
  for (const host of strong) if (HOST_CHARS.test(host)) out.push({ host, strong: true });
  const weak = new Set<string>();
  for (const word of words) for (const m of word.matchAll(HOST_TOKEN)) weak.add(m[0]);
  for (const host of weak) if (!strong.has(host)) out.push({ host, strong: false });
  return out;
}

/** The texts of a service that can name other hosts, each with the node to report at. */
export function textReferences(service: Service): TextReference[] {
  const out: TextReference[] = [];
  for (const v of service.environment) out.push(...envReference(v));
  for (const key of ['command', 'entrypoint'] as const) out.push(...nodeTexts(get(service.node, key), key));
  const healthcheck = get(service.node, 'healthcheck');
  if (isMap(healthcheck)) out.push(...nodeTexts(get(healthcheck, 'test'), 'healthcheck'));
  return out;
}

function envReference(v: EnvVar): TextReference[] {
  if (v.value === undefined || v.value === null) return [];
  const ref: TextReference = { source: 'environment', name: v.name, text: v.value, at: v.valueNode ?? v.loc, unknown: v.unknown };
  if (v.valueNode?.masked !== undefined) ref.masked = maskedEnvValue(v.valueNode.masked, v.name);
  return [ref];
}

function nodeTexts(node: LNode | undefined, source: ReferenceSource): TextReference[] {
  const scalars: LScalar[] = isSeq(node) ? node.items.filter(isScalar) : isScalar(node) ? [node] : [];
  const out: TextReference[] = [];
  scalars.forEach((s, i) => {
    if (s.value === null) return;
    const ref: TextReference = { source, text: String(s.value), at: s, unknown: s.unknown === true };
    if (s.masked !== undefined) ref.masked = s.masked;
    const previous = scalars[i - 1];
    if (isSeq(node) && previous && HOST_FLAGS.has(String(previous.value))) ref.afterHostFlag = true;
    out.push(ref);
  });
  return out;
}

/** List-form env items (`KEY=value`) carry the key in the masked text too. */
function maskedEnvValue(masked: string, name: string): string {
  return masked.startsWith(`${name}=`) ? masked.slice(name.length + 1) : masked;
}
