/**
 * Secrets inside a structured value, judged by the name the value gives them there: the options of
 * a JAAS configuration (`KAFKA_SASL_JAAS_CONFIG: ...PlainLoginModule required username="admin"
 * password="..."`) and the string members of a JSON object (`SPRING_APPLICATION_JSON:
 * '{"spring.datasource.password":"..."}'`). The variable's own name (`*_JAAS_CONFIG`, `*_JSON`)
 * says nothing about them.
 */
import { nameInMessage } from '../excerpt.js';
import { UNKNOWN_MARK } from '../model/node.js';
import type { SecretSpan } from './secret-formats.js';
import { isNonSecretValue, isSecretName, nameKind } from './secrets.js';

/** A login module entry: `<class> <flag>`, the flag being one of JAAS's four. */
const JAAS_MODULE = /[\w$]LoginModule\s+(?:required|requisite|sufficient|optional)\b/;
/** `name="value"`: JAAS option values are quoted strings, with backslash escapes. */
const JAAS_OPTION = /(?<![\w.-])([A-Za-z_][\w.-]*)\s*=\s*"((?:[^"\\]|\\.)*)"/dg;
/** Kafka's PlainLoginModule defines each user of a broker as `user_<name>="<password>"`. */
const PLAIN_USER = /^user_./;
/** `"name": "value"`, string members only: a number is never the secret of a JSON configuration. */
const JSON_MEMBER = /"((?:[^"\\\n]|\\.)*)"\s*:\s*"((?:[^"\\\n]|\\.)*)"/dg;

/** A value starting with `[` is parsed to tell JSON from text (`[INFO] ...`); a larger one is not a setting. */
const JSON_MAX_LENGTH = 64 * 1024;

/**
 * Every literal secret held by a JAAS option or a JSON member in the text, in order, where it is:
 * the option or member is named like a secret (as an environment variable would be), and its value
 * is a literal that could be one (not a path, a boolean, a variable without a default, or a
 * `${...}` placeholder, which Kafka's config providers and Spring resolve). A `$` is otherwise
 * literal: nothing expands it inside these values.
 */
export function embeddedSecrets(text: string): SecretSpan[] {
  const out: SecretSpan[] = [];
  if (JAAS_MODULE.test(text)) {
    collect(text, JAAS_OPTION, out, (name) =>
      PLAIN_USER.test(name) ? `password of JAAS user ${nameInMessage(name.slice(5))}` : isSecretName(name) ? `${nameKind(name)} in JAAS option ${nameInMessage(name)}` : undefined,
    );
  }
  // An object is read as one, even broken (a trailing comma, a variable without a default, too long to
  // parse): its members are still its settings. A bracket alone must start JSON that parses, not `[INFO] ...`.
  if (/^\s*\{/.test(text) || (/^\s*\[/.test(text) && text.length <= JSON_MAX_LENGTH && isJsonContainer(text.split(UNKNOWN_MARK).join('0')))) {
    collect(text, JSON_MEMBER, out, (name) => (isSecretName(name) ? `${nameKind(name)} in JSON member ${nameInMessage(name)}` : undefined));
  }
  return out;
}

function isJsonContainer(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object';
  } catch {
    return false;
  }
}

function collect(text: string, pattern: RegExp, out: SecretSpan[], kindOf: (name: string) => string | undefined): void {
  for (const match of text.matchAll(pattern)) {
    const [name, value] = [match[1]!, match[2]!];
    if (name.includes(UNKNOWN_MARK) || value.includes('${') || value.includes(UNKNOWN_MARK) || isNonSecretValue(value, name)) continue;
    const kind = kindOf(name);
    if (kind === undefined) continue;
    const [start, end] = match.indices![2]!;
    out.push({ kind, value, start, end });
  }
}
