/**
 * Credentials passed on a command line (`command`, `entrypoint`, `healthcheck.test`): `curl -u
 * user:pw`, `mysql -psecret`, `redis-cli -a secret`, `--password=secret`, `PGPASSWORD=secret psql`.
 * Words are split as a shell would (shell-words.ts), and every value keeps its offsets in the item
 * it was written in, so findings can point at the value alone.
 */
import { BOUNDARY, rawOffset, words, type Token, type Word } from './shell-words.js';

/** Where a value was found: an option or a variable, the tool it belongs to, and its offsets in one item. */
export interface CommandCredential {
  /** The option or variable, as written: `-p`, `--password`, `PGPASSWORD`. */
  option: string;
  /** The program the option belongs to, for options that mean a password only to it (`-p` of mysql). */
  tool?: string;
  /** For `--name=value` and `NAME=value`: the name, which decides (as for environment variables) whether the value is a secret. */
  name?: string;
  /** For options that always take a secret: what it is. */
  kind?: string;
  /** A positional word, not an option's value: `option` then names the command (`rabbitmqctl add_user`). */
  argument?: boolean;
  value: string;
  item: number;
  /** Offsets of the value in the item's text, end exclusive. */
  start: number;
  end: number;
}

/**
 * Database clients by program name, by how they take a password: the mysql and MariaDB clients,
 * redis-cli and its forks, the mongo shells, SQL Server's clients (`-P password`) and Cassandra's
 * shell (`-p password`). A map, not a pattern per family, tried on every word of every command.
 */
type Client = 'mysql' | 'redis' | 'mongo' | 'sqlcmd' | 'cqlsh';
const CLIENTS = new Map<string, Client>([
  ...['mysql', 'mysqladmin', 'mysqldump', 'mysqlcheck', 'mysqlimport', 'mysqlshow', 'mysqlslap', 'mysqlpump', 'mysqlsh'].map((p) => [p, 'mysql'] as const),
  ...['mariadb', 'mariadb-admin', 'mariadb-dump', 'mariadb-check', 'mariadb-import', 'mariadb-show', 'mariadb-slap'].map((p) => [p, 'mysql'] as const),
  ...['redis-cli', 'valkey-cli', 'keydb-cli'].map((p) => [p, 'redis'] as const),
  ...['mongo', 'mongosh'].map((p) => [p, 'mongo'] as const),
  ...['sqlcmd', 'bcp', 'osql'].map((p) => [p, 'sqlcmd'] as const),
  ...['cqlsh', 'cqlsh.py'].map((p) => [p, 'cqlsh'] as const),
]);

/**
 * Programs that take a password as a positional word: `rabbitmqctl add_user admin pw`,
 * `mc alias set local http://minio:9000 access secret`, `htpasswd -b file user pw`. Each entry
 * gives the words that must follow the program, and how many positional words later the secret is.
 */
const POSITIONAL_LOOKAHEAD = 12;
const POSITIONAL: { program: RegExp; verbs: string[][]; at: number; kind: string }[] = [
  { program: /^rabbitmqctl$/, verbs: [['add_user'], ['change_password']], at: 1, kind: 'password' },
  { program: /^(?:mc|mcli)$/, verbs: [['alias', 'set'], ['config', 'host', 'add']], at: 3, kind: 'secret key' },
];

/** Options whose next word is a secret, for any program but the mysql clients (there `--password secret` prompts, and `secret` is the database). */
const SPACED: Record<string, string> = {
  '--password': 'password',
  '--passwd': 'password',
  '--pass': 'password',
  '--requirepass': 'password',
  '--masterauth': 'password',
  '--token': 'token',
  '--auth-token': 'token',
  '--access-token': 'token',
  '--api-key': 'key',
  '--apikey': 'key',
};

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** `$VAR`, `${VAR}`, `$(cat file)`, backticks: the value comes from the container's environment or a file, not the compose file. */
function isReference(value: string): boolean {
  return value.includes('$') || value.includes('`');
}

/** A credential in `word` from character `from` (the value of an option or variable); references are dropped by commandCredentials. */
function credential(word: Word, from: number, fields: Omit<CommandCredential, 'value' | 'item' | 'start' | 'end'>): CommandCredential | undefined {
  const value = word.text.slice(from);
  if (value === '') return undefined;
  const start = rawOffset(word, from);
  const end = rawOffset(word, word.text.length - 1) + 1;
  return { ...fields, value, item: word.item, start, end };
}

/**
 * Credentials on one command line, in order. `shell`: the items are one shell string (the string
 * form). `expands`: whether a shell expands the words (a command line), so that `$VAR`, `$(...)`
 * and backticks are references; a launcher splitting an options variable (`java $JAVA_OPTS`)
 * expands nothing, and only a `${...}` placeholder (Spring's, Kafka's config providers) is one there.
 */
export function commandCredentials(items: (string | undefined)[], shell: boolean, { expands = true }: { expands?: boolean } = {}): CommandCredential[] {
  const found: CommandCredential[] = [];
  const push = (c: CommandCredential | undefined): void => {
    if (c) found.push(c);
  };
  // The clients seen so far in the current command: their options mean a password.
  let mysql: string | undefined;
  let redis: string | undefined;
  let mongo: string | undefined;
  let sqlcmd: string | undefined;
  let cqlsh: string | undefined;
  let curl = false;
  const tokens = words(items, shell);
  for (let k = 0; k < tokens.length; k++) {
    const word = tokens[k];
    if (word === BOUNDARY || word === undefined) {
      mysql = redis = mongo = sqlcmd = cqlsh = undefined;
      curl = false;
      continue;
    }
    const positional = positionalSecret(tokens, k);
    if (positional) {
      push(positional);
      continue;
    }
    const text = word.text;
    const next = tokens[k + 1];
    const nextValue = next && !next.text.startsWith('-') ? next : undefined;
    const program = basename(text);
    const client = CLIENTS.get(program);
    if (client === 'mysql') mysql = program;
    else if (client === 'redis') redis = program;
    else if (client === 'mongo') mongo = program;
    else if (client === 'sqlcmd') sqlcmd = program;
    else if (client === 'cqlsh') cqlsh = program;
    else if (program === 'curl') curl = true;
    // curl's `-u user:password`: only the part after the first colon is the secret.
    if (curl && /^(?:-u|--user|-U|--proxy-user)(?:=|$)|^-[uU]./.test(text)) {
      const eq = text.indexOf('=');
      const [source, from] = /^-[uU]./.test(text) ? [word, 2] : eq !== -1 ? [word, eq + 1] : [nextValue, 0];
      const colon = source ? source.text.indexOf(':', from) : -1;
      if (source && colon !== -1) push(credential(source, colon + 1, { option: text.slice(0, text.startsWith('--') ? (eq === -1 ? text.length : eq) : 2), tool: 'curl', kind: 'password' }));
      if (source === nextValue && source) k++;
      continue;
    }
    if (mysql && /^-p./.test(text)) {
      push(credential(word, 2, { option: '-p', tool: mysql, kind: 'password' }));
      continue;
    }
    if (sqlcmd && /^-P./.test(text)) {
      push(credential(word, 2, { option: '-P', tool: sqlcmd, kind: 'password' }));
      continue;
    }
    const assignment = /^(-{0,2})([A-Za-z_][\w.-]*)=/.exec(text);
    if (assignment) {
      const [whole, dashes, name] = assignment as unknown as [string, string, string];
      push(credential(word, whole.length, { option: dashes + name, name }));
      continue;
    }
    if (!nextValue) continue;
    if (redis && text === '-a') push(credential(nextValue, 0, { option: text, tool: redis, kind: 'password' }));
    else if (mongo && text === '-p') push(credential(nextValue, 0, { option: text, tool: mongo, kind: 'password' }));
    else if (sqlcmd && text === '-P') push(credential(nextValue, 0, { option: text, tool: sqlcmd, kind: 'password' }));
    else if (cqlsh && text === '-p') push(credential(nextValue, 0, { option: text, tool: cqlsh, kind: 'password' }));
    else if (Object.hasOwn(SPACED, text) && !(mysql && /^--pass/.test(text))) push(credential(nextValue, 0, { option: text, kind: SPACED[text]! }));
    else continue;
    k++;
  }
  return found.filter((c) => (expands ? !isReference(c.value) : !c.value.includes('${')));
}

/**
 * The secret of a POSITIONAL program whose name is word `k` (`rabbitmqctl add_user admin pw`), and
 * of `htpasswd -b`/`-nb` (the password follows the user). Options between the words are skipped.
 */
function positionalSecret(tokens: Token[], k: number): CommandCredential | undefined {
  const program = basename((tokens[k] as Word).text);
  // Only these programs' words are read: a scan per word of a long command line would be quadratic.
  if (program !== 'htpasswd' && !POSITIONAL.some((entry) => entry.program.test(program))) return undefined;
  const rest: Word[] = [];
  let batch = false;
  let noFile = false;
  // The secret is among the first few words: a bounded look keeps a repeated program name linear.
  for (let j = k + 1; j < Math.min(tokens.length, k + 1 + POSITIONAL_LOOKAHEAD) && tokens[j] !== BOUNDARY; j++) {
    const word = tokens[j] as Word;
    if (word.text.startsWith('-')) {
      // htpasswd's flags may come in a group: -nb, -Bbn. -b: the password is on the command line; -n: no file.
      if (/^-[a-zA-Z]*b[a-zA-Z]*$/.test(word.text)) batch = true;
      if (/^-[a-zA-Z]*n[a-zA-Z]*$/.test(word.text)) noFile = true;
      continue;
    }
    rest.push(word);
  }
  if (program === 'htpasswd') {
    // `-b file user pw`, or with -n (to standard output) `-nb user pw`.
    const secret = batch ? rest[noFile ? 1 : 2] : undefined;
    return secret && credential(secret, 0, { option: 'htpasswd -b', kind: 'password', argument: true });
  }
  for (const entry of POSITIONAL) {
    if (!entry.program.test(program)) continue;
    const verbs = entry.verbs.find((v) => v.every((verb, i) => rest[i]?.text === verb));
    const secret = verbs && rest[verbs.length + entry.at];
    if (secret) return credential(secret, 0, { option: `${program} ${verbs.join(' ')}`, kind: entry.kind, argument: true });
  }
  return undefined;
}
