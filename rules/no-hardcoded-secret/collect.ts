/** Where no-hardcoded-secret looks: every value that could hold a secret, with where it is written. Judged in index.ts. */
import { envFileRole, userInfoSecrets } from '../../src/hardening/secrets.js';
import { commandCredentials, type CommandCredential } from '../../src/hardening/command-line.js';
import { embeddedSecrets } from '../../src/hardening/embedded-secrets.js';
import { mountPasswords } from '../../src/hardening/mount-options.js';
import { envValueStart, fixedLoc, fixedText, isInterpolated, isOptionsVariable, scalarItems, type FixedText } from '../../src/hardening/values.js';
import { get, isMap, isScalar, isSeq, str, UNKNOWN_MARK, type LNode, type LScalar } from '../../src/model/node.js';
import type { Project, Service } from '../../src/model/project.js';
import type { Loc } from '../../src/types.js';
import { excerpt, nameInMessage } from '../../src/excerpt.js';

/**
 * Values are read with their variables: a variable without a default is an UNKNOWN_MARK in the
 * text, so formats (tokens, URL and connection-string passwords, command-line and mount options)
 * are still found in the literal parts around it, at their written columns.
 */
const PARTIAL = { partial: true };

export interface Candidate {
  where: string;
  /** The variable, argument or label name, when there is one: names decide what counts as a secret. */
  name?: string;
  /** The variable, argument or label name as written, whether or not it decides (`name`): `user:password` values are found by it. */
  key?: string;
  /** For a password hash (a verifier, reported as a warning), its scheme: bcrypt, MD5-based apr1... */
  hash?: string;
  /** The other names of the same environment or build args: `S3_ACCESS_KEY` is an ID next to `S3_SECRET_KEY`. */
  siblings?: string[];
  /** Set for options that always take a secret (`mysql -p`, `curl -u user:`): what it is, whatever the value looks like. */
  kind?: string;
  value: string;
  /**
   * Where the value is reported: at the value itself when the columns allow, else the whole scalar.
   * A location, never the node: the engine would quote an interpolated node's written text, secret and all.
   */
  at: Loc;
  /** Set for a value read from an env file that may be committed; `template`: it is meant to be. */
  envFile?: { template: boolean };
  /** A value of an untracked env file (`.env`, `*.local`): masked in outputs, never reported. */
  untracked?: true;
  /** The scalar the value was read from, and the value's offsets in its fixed text. */
  from?: { node: LScalar; fixed: FixedText; start: number; end: number };
  /** A volume's driver option: Docker keeps it in the volume's options, and only ${VAR} can supply it, not a Compose secret. */
  volumeOption?: true;
  /** On a command line (command, entrypoint, healthcheck): `*_FILE` cannot supply it there. */
  commandLine?: true;
}

export function* candidates(service: Service): Generator<Candidate> {
  const siblings = service.environment.map((v) => v.name);
  for (const v of service.environment) {
    if (typeof v.value !== 'string') continue;
    // `.env` is the untracked file the fix recommends: what it holds is no more hardcoded through
    // env_file than through ${VAR}, so it is only masked (`untracked`). Other env files may be committed; the linter cannot tell.
    const role = v.fromFile !== undefined ? envFileRole(v.fromFile) : undefined;
    const whereIs = (name: string) => (v.fromFile !== undefined ? `environment variable ${shown(name)} in env_file ${v.fromFile}` : `environment variable ${shown(name)}`);
    const where = whereIs(v.name);
    if (v.valueNode) {
      const fixed = fixedText(v.valueNode, PARTIAL);
      if (!fixed) continue;
      // In a list the node is the whole `KEY=value` item: the value starts after the `=`.
      const start = envValueStart(v, fixed) ?? 0;
      const written = fixed.text.slice(0, Math.max(0, start - 1));
      const shownWhere = start > 0 && written.includes(UNKNOWN_MARK) ? whereIs(written) : where;
      const fromFile = (candidate: Candidate): Candidate => {
        if (role === 'local') candidate.untracked = true;
        else if (role !== undefined) candidate.envFile = { template: role === 'template' };
        return candidate;
      };
      const candidate = valueIn({ where: shownWhere, name: v.name, key: v.name, siblings }, v.valueNode, fixed, start);
      // `JAVA_OPTS: -Dspring.datasource.password=...`: the launcher splits the value into options.
      const options = isOptionsVariable(v.name) ? optionParts(candidate) : [];
      for (const part of split(candidate, options)) yield fromFile(part);
    } else if (!v.unknown && !isInterpolated(v.value)) {
      const candidate: Candidate = { where, name: v.name, key: v.name, siblings, value: v.value, at: v.loc };
      if (role === 'local') candidate.untracked = true;
      yield candidate;
    }
  }
  yield* keyValues(get(get(service.node, 'build'), 'args'), 'build arg', true);
  yield* keyValues(get(service.node, 'labels'), 'label', false);
  // Swarm reads the service's own labels here (Traefik routers and their basicauth users in a stack file).
  yield* keyValues(get(get(service.node, 'deploy'), 'labels'), 'deploy label', false);
  yield* commandLine(get(service.node, 'command'), 'command');
  yield* commandLine(get(service.node, 'entrypoint'), 'entrypoint');
  yield* commandLine(get(get(service.node, 'healthcheck'), 'test'), 'healthcheck test');
  // Lifecycle hooks run command lines in the container, with environments of their own.
  for (const hook of ['post_start', 'pre_stop']) {
    const items = get(service.node, hook);
    for (const item of isSeq(items) ? items.items : []) {
      yield* commandLine(get(item, 'command'), `${hook} command`);
      yield* keyValues(get(item, 'environment'), `${hook} environment variable`, true);
    }
  }
  // Logging driver options are kept in the container's HostConfig (`docker inspect`): a Splunk or Loki token there is live.
  yield* keyValues(get(get(service.node, 'logging'), 'options'), 'logging option', true);
  // A git build context may carry credentials in its URL (`https://oauth2:glpat-...@gitlab.com/...`).
  const build = get(service.node, 'build');
  yield* byFormat(isScalar(build) ? build : get(build, 'context'), 'build context');
  const contexts = get(build, 'additional_contexts');
  if (isMap(contexts)) for (const { key, value } of contexts.entries) yield* byFormat(value, `build additional context ${shown(String(key.value))}`);
}

/** A part of a candidate's value judged on its own (an option, a JAAS option, a JSON member): offsets in the value, and what it is. */
export interface Part {
  start: number;
  end: number;
  /** The value, when it differs from the written text at those offsets (a shell word's quotes removed). */
  value?: string;
  /** Replaces the candidate's description, when the part has its own (an option). */
  where?: string;
  name?: string;
  kind?: string;
  hash?: string;
}

/**
 * The parts as candidates of their own, at their own columns when the value maps onto its scalar,
 * then the candidate with the parts blanked out (in one pass), so that each secret is judged once.
 */
export function* split<C extends Pick<Candidate, 'value' | 'at' | 'from' | 'name' | 'siblings' | 'kind' | 'hash'>>(candidate: C, parts: Part[]): Generator<C> {
  if (parts.length === 0) {
    yield candidate;
    return;
  }
  const { from } = candidate;
  const maps = from !== undefined && from.end - from.start === candidate.value.length;
  let rest = '';
  let done = 0;
  for (const part of [...parts].sort((a, b) => a.start - b.start)) {
    // A part inside one already taken is judged there; one that goes beyond it is blanked to its end all the same.
    if (part.start < done) {
      if (part.end > done) {
        rest += ' '.repeat(part.end - done);
        done = part.end;
      }
      continue;
    }
    const [start, end] = [from ? from.start + part.start : 0, from ? from.start + part.end : 0];
    const one = { ...candidate, value: part.value ?? candidate.value.slice(part.start, part.end) };
    delete one.name;
    delete one.siblings;
    if (part.name !== undefined) one.name = part.name;
    if (part.kind !== undefined) one.kind = part.kind;
    if (part.hash !== undefined) one.hash = part.hash;
    if (part.where !== undefined) (one as { where?: unknown }).where = part.where;
    if (maps) {
      one.at = fixedLoc(from.node, from.fixed, start, end) ?? candidate.at;
      one.from = { ...from, start, end };
    } else delete one.from;
    yield one;
    rest += candidate.value.slice(done, part.start) + ' '.repeat(part.end - part.start);
    done = part.end;
  }
  // What is left is judged by its format only: under a secret's name it holds the secrets found in it, not one more.
  const left = { ...candidate, value: rest + candidate.value.slice(done) };
  delete left.name;
  delete left.siblings;
  yield left;
}

/**
 * The secrets inside a value that are judged on their own: JAAS options and JSON members named like
 * secrets (embedded-secrets.ts), and the passwords or hashes of `user:password` values named for them.
 */
export function partsOf(candidate: Pick<Candidate, 'value' | 'key'>): Part[] {
  const parts: Part[] = embeddedSecrets(candidate.value).map(({ start, end, kind }) => ({ start, end, kind }));
  for (const secret of candidate.key === undefined ? [] : userInfoSecrets(candidate.key, candidate.value)) {
    parts.push({ start: secret.start, end: secret.end, kind: secret.hash ? `${secret.hash} password hash` : 'password', ...(secret.hash ? { hash: secret.hash } : {}) });
  }
  return parts;
}

/**
 * The credentials of the options in an options variable's value (isOptionsVariable). Only options,
 * written with a dash (`-Dspring.datasource.password=...`, `--password x`): bare `name=value`
 * pairs there are feature flags or a program's settings (`password_encryption=scram-sha-256`).
 */
function optionParts(candidate: Candidate): Part[] {
  return commandCredentials([candidate.value], true, { expands: false })
    .filter((c) => c.option.startsWith('-'))
    .map((c) => credentialPart(c, `option ${c.option} in ${candidate.where}`));
}

/** A command-line credential as a part: the value as the program gets it (quotes removed), at its written offsets. */
function credentialPart(c: CommandCredential, where: string): Part {
  return { start: c.start, end: c.end, value: c.value, where, ...(c.name !== undefined ? { name: c.name } : {}), ...(c.kind !== undefined ? { kind: c.kind } : {}) };
}

/** A value judged by its format only (tokens, URL and connection-string passwords): its key says nothing. */
function* byFormat(node: LNode | undefined, where: string): Generator<Candidate> {
  const fixed = fixedText(node, PARTIAL);
  if (fixed && isScalar(node)) yield valueIn({ where }, node, fixed, 0);
}

/**
 * Credentials given to options and variables on a command line (`mysql -psecret`), at the value
 * when the scalar's columns allow; then token formats and URL passwords in the rest of each item.
 */
function* commandLine(node: LNode | undefined, key: string): Generator<Candidate> {
  const items = scalarItems(node).map((item) => ({ node: item, fixed: fixedText(item, PARTIAL) }));
  const parts = items.map(() => [] as Part[]);
  for (const c of commandCredentials(items.map((i) => i.fixed?.text), isScalar(node))) {
    const where = c.argument ? `${key} argument of ${c.option}` : c.tool ? `${key} option ${c.option} (${c.tool})` : c.name !== undefined && !c.option.startsWith('-') ? `${key} variable ${c.option}` : `${key} option ${c.option}`;
    parts[c.item]!.push(credentialPart(c, where));
  }
  for (const [i, { node: item, fixed }] of items.entries()) {
    if (fixed) yield* split({ where: key, value: fixed.text, at: item.loc, from: { node: item, fixed, start: 0, end: fixed.text.length }, commandLine: true }, parts[i]!);
  }
}

/** `KEY=value` lists and `KEY: value` maps; `named` decides whether the name alone can make a value a secret. */
function* keyValues(node: LNode | undefined, what: string, named: boolean): Generator<Candidate> {
  const entries: { name: string; node: LScalar; fixed: FixedText; start: number }[] = [];
  const siblings: string[] = [];
  if (isMap(node)) {
    for (const { key, value } of node.entries) {
      siblings.push(String(key.value));
      const fixed = fixedText(value, PARTIAL);
      if (fixed && isScalar(value)) entries.push({ name: String(key.value), node: value, fixed, start: 0 });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      // `- NAME` (a value from the environment) is a sibling too, and so is `- NAME=${VAR}` (no text but its written one).
      const text = isScalar(item) && item.value !== null ? (item.source ?? str(item)) : undefined;
      if (text !== undefined) siblings.push(text.split('=', 1)[0]!);
      const fixed = fixedText(item, PARTIAL);
      const eq = fixed?.text.indexOf('=') ?? -1;
      if (fixed && eq !== -1 && isScalar(item)) entries.push({ name: fixed.text.slice(0, eq), node: item, fixed, start: eq + 1 });
    }
  }
  for (const { name, node: value, fixed, start } of entries) {
    yield valueIn({ where: `${what} ${shown(name)}`, key: name, ...(named ? { name, siblings } : {}) }, value, fixed, start);
  }
}

/** A name for messages; a variable in it (`- ${PREFIX}_PASSWORD=...`) is shown as `…`. */
function shown(name: string): string {
  return nameInMessage(name.split(UNKNOWN_MARK).join('…'));
}

/**
 * The value of a scalar from `start` on in its fixed text: a map value is reported as the whole
 * scalar, the value of a `KEY=value` item at the value when the columns allow.
 */
function valueIn(base: Pick<Candidate, 'where' | 'name' | 'key' | 'siblings'>, node: LScalar, fixed: FixedText, start: number): Candidate {
  const at = (start > 0 && fixedLoc(node, fixed, start, fixed.text.length)) || node.loc;
  return { ...base, value: fixed.text.slice(start), at, from: { node, fixed, start, end: fixed.text.length } };
}

/** A candidate whose description is built only for a secret: an extension field's path can be long. */
export type Unattached = Omit<Candidate, 'where'> & { where: () => string };

/**
 * Values outside services that are committed with the file: the `content` of a top-level config
 * (mounted world-readable into containers), and every value under an `x-` key (extension fields,
 * often anchors nothing merges). Both hold arbitrary data, so they are judged by format only:
 * token formats, private keys, URL and connection-string passwords, never by key names. Before
 * them, the driver options of volumes, whose names say what they hold.
 */
export function* unattachedValues(project: Project): Generator<Unattached> {
  for (const [name, config] of project.configs) {
    const content = get(config.node, 'content');
    const fixed = fixedText(content, PARTIAL);
    if (fixed && isScalar(content)) yield { ...valueIn({ where: '' }, content, fixed, 0), where: () => `content of config ${JSON.stringify(excerpt(name, 100))}` };
  }
  for (const [name, volume] of project.volumes) yield* volumeOptions(name, get(volume.node, 'driver_opts'));
  yield* extensionValues(project.root);
}

/**
 * A volume's driver options: the passwords of the local driver's mount options (`o:
 * addr=...,username=bob,password=...` for CIFS), and options judged by name, as a plugin's
 * `password` (vieux/sshfs) is.
 */
function* volumeOptions(volume: string, node: LNode | undefined): Generator<Unattached> {
  if (!isMap(node)) return;
  const of = () => `volume ${JSON.stringify(excerpt(volume, 100))}`;
  // `accessKey` next to `secretKey` (an S3 plugin's options) is the key's ID, as in environment.
  const siblings = node.entries.map((e) => String(e.key.value));
  for (const { key, value } of node.entries) {
    const option = String(key.value);
    const fixed = fixedText(value, PARTIAL);
    if (!fixed || !isScalar(value)) continue;
    if (option !== 'o') {
      yield { ...valueIn({ where: '', name: option, siblings }, value, fixed, 0), volumeOption: true, where: () => `driver option ${nameInMessage(option)} of ${of()}` };
      continue;
    }
    for (const c of mountPasswords(fixed.text)) {
      const what = c.option.startsWith('user') ? `password after the % of ${c.option}=` : `${c.option}=`;
      const at = fixedLoc(value, fixed, c.start, c.end) ?? value.loc;
      const from = { node: value, fixed, start: c.start, end: c.end };
      yield { kind: 'password', value: fixed.text.slice(c.start, c.end), at, from, volumeOption: true, where: () => `driver option o (${what}) of ${of()}` };
    }
  }
}

interface Step {
  node: LNode;
  /** The key or index that leads here from `parent`. */
  name: string | number;
  parent?: Step;
  inside: boolean;
}

/** Every scalar under an `x-` key, anywhere in the file, with its path (`x-creds.token`, `services.web.x-meta.key`). */
function* extensionValues(root: LNode): Generator<Unattached> {
  const stack: Step[] = [{ node: root, name: '', inside: false }];
  for (let step = stack.pop(); step; step = stack.pop()) {
    const { node } = step;
    if (isScalar(node)) {
      const fixed = step.inside ? fixedText(node, PARTIAL) : undefined;
      const at = step;
      if (fixed) yield { ...valueIn({ where: '' }, node, fixed, 0), where: () => `extension field ${pathOf(at)}` };
    } else if (isMap(node)) {
      for (const { key, value } of [...node.entries].reverse()) {
        const name = String(key.value);
        stack.push({ node: value, name, parent: step, inside: step.inside || name.startsWith('x-') });
      }
    } else {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i]!, name: i, parent: step, inside: step.inside });
    }
  }
}

function pathOf(step: Step): string {
  let path = '';
  for (let at: Step | undefined = step; at?.parent; at = at.parent) {
    const { name } = at;
    const part = typeof name === 'number' ? `[${name}]` : /^[\w-]+$/.test(name) ? `.${excerpt(name, 60)}` : `[${JSON.stringify(excerpt(name, 60))}]`;
    path = part + path;
  }
  return path.replace(/^\./, '');
}
