import { defineRule, type Report } from '../../src/engine/rule.js';
import { connectionPassword, envFileRole, findToken, isAccessKeyId, isNonSecretValue, isPlaceholder, isSecretName, isTemplateStandIn, isWorkingDirectory, nameKind, urlPassword } from '../../src/hardening/secrets.js';
import { commandCredentials } from '../../src/hardening/command-line.js';
import { fixedLoc, fixedText, fromDefaultIn, isInterpolated, scalarItems, type FixedText } from '../../src/hardening/values.js';
import { get, isMap, isScalar, isSeq, str, type LNode, type LScalar } from '../../src/model/node.js';
import type { Project, Service } from '../../src/model/project.js';
import type { Loc } from '../../src/types.js';
import { excerpt, nameInMessage } from '../../src/excerpt.js';

interface Candidate {
  where: string;
  /** The variable, argument or label name, when there is one: names decide what counts as a secret. */
  name?: string;
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
}

interface Classified {
  kind: string;
  placeholder: boolean;
  /** The secret's offsets in the value, when it is only part of it (a token in a text, a URL's password). */
  span?: [number, number];
}

/** What a value holds, if it is a secret: a known token format, URL or connection-string credentials, or a literal under a secret-shaped name. */
function classify(candidate: Candidate): Classified | undefined {
  // A weak word (`changeme`, `password`) works as written: a placeholder only in a template, which is copied and filled in.
  const isStandIn = candidate.envFile?.template === true ? isTemplateStandIn : isPlaceholder;
  const token = findToken(candidate.value);
  if (token) return { kind: token.kind, placeholder: isStandIn(token.value), span: [token.start, token.end] };
  const password = urlPassword(candidate.value) ?? connectionPassword(candidate.value);
  if (password !== undefined) return { kind: password.kind, placeholder: isStandIn(password.value), span: [password.start, password.end] };
  if (candidate.kind !== undefined) return { kind: candidate.kind, placeholder: isStandIn(candidate.value) };
  if (candidate.name === undefined || !isSecretName(candidate.name) || isNonSecretValue(candidate.value)) return undefined;
  if (candidate.siblings && isAccessKeyId(candidate.name, candidate.siblings)) return undefined;
  if (isWorkingDirectory(candidate.name, candidate.value)) return undefined;
  return { kind: nameKind(candidate.name), placeholder: isStandIn(candidate.value) };
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
      'A password, token or key written in the compose file ends up in version control, in `docker inspect`, in every process\'s environment and in `docker compose config` output. Reported: a literal value for a secret-shaped name (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*API_KEY*`, `*ACCESS_KEY*`, `*CREDENTIAL*`...) in `environment` and build args, and in env files other than the untracked `.env` and `*.local` ones (a warning, as the linter cannot tell whether the file is committed; an error in a template such as `.env.example`); passwords and tokens given on the command line in command, entrypoint or healthcheck (`mysql -psecret`, `curl -u user:secret`, `redis-cli -a`, `--requirepass`, `--password=...`, `PGPASSWORD=... psql`); credentials inside connection URLs and `key=value;` connection strings (`Server=db;Password=...`); and well-known token formats (AWS keys, GitHub, GitLab, Slack and Stripe tokens, Slack webhook URLs, private-key blocks, JWTs) anywhere in environment, labels, command, entrypoint or healthcheck. Outside services, the `content` of top-level configs and every `x-` extension field are checked by format only (tokens, keys, URL and connection-string passwords). Also reported: a literal committed as the default of `${VAR:-default}` (used whenever VAR is unset), and values written with `$$` (a literal dollar). Not reported: `${VAR}` values without a default, empty values, `*_FILE` variables, paths such as `/run/secrets/db-password`, booleans, small numbers and settings such as `PASSWORD_MIN_LENGTH`. Markers never filled in (`<your-token>`, `xxx`) are notes; weak words such as `changeme` or `password` work as written and are errors (stand-ins, so notes, only in a template such as `.env.example`). Messages never include the secret.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 7.5,
    recommended: true,
    fixable: false,
    messages: {
      hardcoded: '{{where}} of {{services}} holds a hardcoded {{kind}} ({{length}} characters); read it from a secret (`secrets:` / *_FILE) or from ${VAR} interpolation of an untracked .env',
      placeholder: '{{where}} of {{services}} holds a placeholder {{kind}}; make sure the real value is supplied through a secret or ${VAR}, not by editing this file',
      envFile: '{{where}} of {{services}} holds a literal {{kind}} ({{length}} characters); if this file is committed, the value is in the repository history: keep the file untracked (.gitignore, as .env is) or read the value from a secret (`secrets:` / *_FILE)',
      envFileTemplate: '{{where}} of {{services}} holds a {{kind}} ({{length}} characters) in a template meant to be committed; leave a placeholder there and supply the real value from an untracked copy or a secret',
      envFilePlaceholder: '{{where}} of {{services}} holds a placeholder {{kind}}; if this file is committed, supply the real value from an untracked file or a secret, not by editing this one',
      unattached: '{{where}} holds a hardcoded {{kind}} ({{length}} characters), committed with this file; move it to a secret (`secrets:` with `file:` or `environment:`) or to ${VAR} interpolation of an untracked .env',
      unattachedPlaceholder: '{{where}} holds a placeholder {{kind}}; make sure the real value is supplied through a secret or ${VAR}, not by editing this file',
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
    for (const { service, where, kind, placeholder, envFile, loc, length, key } of found) {
      if (!service) {
        report({ messageId: placeholder ? 'unattachedPlaceholder' : 'unattached', data: { where, kind, length }, at: loc, ...(placeholder ? { severity: 'note' as const } : {}) });
        continue;
      }
      const data = { services: serviceList(users.get(key)!), where, kind, length };
      const messageId = placeholder ? (envFile ? 'envFilePlaceholder' : 'placeholder') : !envFile ? 'hardcoded' : envFile.template ? 'envFileTemplate' : 'envFile';
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
  /** None for a value outside services: a config's `content`, an extension field. */
  service?: Service;
  where: string;
  kind: string;
  placeholder: boolean;
  envFile: Candidate['envFile'];
  untracked: boolean;
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
    const where = fromDefault ? `${candidate.where} (as written, \${VAR:-default} defaults included)` : candidate.where;
    const length = classified.span ? classified.span[1] - classified.span[0] : candidate.value.length;
    const one: Found = { where, kind: classified.kind, placeholder: classified.placeholder, envFile: candidate.envFile, untracked: candidate.untracked === true, loc, length, key: `${locKey(loc)} ${where}` };
    if (service) one.service = service;
    found!.push(one);
    return one;
  };
  for (const service of project.services) {
    for (const candidate of candidates(service)) {
      const classified = classify(candidate);
      if (classified) push(candidate, classified, service);
    }
  }
  // A value a service uses is reported there, naming the service; the rest once, where it is written.
  const seen = new Set(found.map((f) => locKey(f.loc)));
  for (const { where, ...value } of unattachedValues(project)) {
    const classified = classify({ where: '', ...value });
    if (!classified || seen.has(locKey(locate({ where: '', ...value }, classified.span).at))) continue;
    seen.add(locKey(push({ where: where(), ...value }, classified, undefined).loc));
  }
  scans.set(project, found);
  return found;
}

function locKey(loc: Loc): string {
  return `${loc.file}:${loc.line}:${loc.column}:${loc.endLine}:${loc.endColumn}`;
}

/** A candidate whose description is built only for a secret: an extension field's path can be long. */
type Unattached = Omit<Candidate, 'where'> & { where: () => string };

/**
 * Values outside services that are committed with the file: the `content` of a top-level config
 * (mounted world-readable into containers), and every value under an `x-` key (extension fields,
 * often anchors nothing merges). Both hold arbitrary data, so they are judged by format only:
 * token formats, private keys, URL and connection-string passwords, never by key names.
 */
function* unattachedValues(project: Project): Generator<Unattached> {
  for (const [name, config] of project.configs) {
    const content = get(config.node, 'content');
    const fixed = fixedText(content);
    if (fixed && isScalar(content)) yield { ...valueIn({ where: '' }, content, fixed, 0), where: () => `content of config ${JSON.stringify(excerpt(name, 100))}` };
  }
  yield* extensionValues(project.root);
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
      const fixed = step.inside ? fixedText(node) : undefined;
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

/** `service "a"`, `services "a" and "b"`, `services "a", "b", "c", "d", "e" and 3 more`. */
function serviceList(names: string[]): string {
  const quoted = names.slice(0, 5).map((n) => `"${n}"`);
  if (names.length === 1) return `service ${quoted[0]}`;
  const last = names.length > 5 ? `${names.length - 5} more` : quoted.pop()!;
  return `services ${quoted.join(', ')} and ${last}`;
}

function* candidates(service: Service): Generator<Candidate> {
  const siblings = service.environment.map((v) => v.name);
  for (const v of service.environment) {
    if (typeof v.value !== 'string') continue;
    // `.env` is the untracked file the fix recommends: what it holds is no more hardcoded through
    // env_file than through ${VAR}, so it is only masked (`untracked`). Other env files may be committed; the linter cannot tell.
    const role = v.fromFile !== undefined ? envFileRole(v.fromFile) : undefined;
    const name = nameInMessage(v.name);
    const where = v.fromFile !== undefined ? `environment variable ${name} in env_file ${v.fromFile}` : `environment variable ${name}`;
    if (v.valueNode) {
      const fixed = fixedText(v.valueNode);
      if (!fixed) continue;
      // In a list the node is the whole `KEY=value` item: the value starts after the `=`.
      const listItem = String(v.valueNode.value) !== v.value;
      const start = listItem ? fixed.text.indexOf('=') + 1 : 0;
      const candidate = valueIn({ where, name: v.name, siblings }, v.valueNode, fixed, start);
      if (role === 'local') candidate.untracked = true;
      else if (role !== undefined) candidate.envFile = { template: role === 'template' };
      yield candidate;
    } else if (!v.unknown && !isInterpolated(v.value)) {
      const candidate: Candidate = { where, name: v.name, siblings, value: v.value, at: v.loc };
      if (role === 'local') candidate.untracked = true;
      yield candidate;
    }
  }
  yield* keyValues(get(get(service.node, 'build'), 'args'), 'build arg', true);
  yield* keyValues(get(service.node, 'labels'), 'label', false);
  yield* commandLine(get(service.node, 'command'), 'command');
  yield* commandLine(get(service.node, 'entrypoint'), 'entrypoint');
  yield* commandLine(get(get(service.node, 'healthcheck'), 'test'), 'healthcheck test');
}

/**
 * Credentials given to options and variables on a command line (`mysql -psecret`), at the value
 * when the scalar's columns allow; then token formats and URL passwords in the rest of each item.
 */
function* commandLine(node: LNode | undefined, key: string): Generator<Candidate> {
  const items = scalarItems(node).map((item) => ({ node: item, fixed: fixedText(item) }));
  const covered = items.map(() => [] as [number, number][]);
  for (const c of commandCredentials(items.map((i) => i.fixed?.text), isScalar(node))) {
    const { node: item, fixed } = items[c.item]!;
    const option = c.tool ? `${key} option ${c.option} (${c.tool})` : c.name !== undefined && !c.option.startsWith('-') ? `${key} variable ${c.option}` : `${key} option ${c.option}`;
    const at = fixedLoc(item, fixed!, c.start, c.end) ?? item.loc;
    const candidate: Candidate = { where: option, value: c.value, at, from: { node: item, fixed: fixed!, start: c.start, end: c.end } };
    if (c.name !== undefined) candidate.name = c.name;
    if (c.kind !== undefined) candidate.kind = c.kind;
    covered[c.item]!.push([c.start, c.end]);
    yield candidate;
  }
  for (const [i, { node: item, fixed }] of items.entries()) {
    if (!fixed) continue;
    // What an option's candidate holds is judged there, once.
    let rest = '';
    let from = 0;
    for (const [start, end] of covered[i]!) {
      rest += fixed.text.slice(from, start) + ' '.repeat(end - start);
      from = end;
    }
    rest += fixed.text.slice(from);
    yield { where: key, value: rest, at: item.loc, from: { node: item, fixed, start: 0, end: rest.length } };
  }
}

/** `KEY=value` lists and `KEY: value` maps; `named` decides whether the name alone can make a value a secret. */
function* keyValues(node: LNode | undefined, what: string, named: boolean): Generator<Candidate> {
  const entries: { name: string; node: LScalar; fixed: FixedText; start: number }[] = [];
  const siblings: string[] = [];
  if (isMap(node)) {
    for (const { key, value } of node.entries) {
      siblings.push(String(key.value));
      const fixed = fixedText(value);
      if (fixed && isScalar(value)) entries.push({ name: String(key.value), node: value, fixed, start: 0 });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const text = str(item);
      // `- NAME` (a value from the environment) is a sibling too.
      if (text !== undefined) siblings.push(text.split('=', 1)[0]!);
      const fixed = fixedText(item);
      const eq = fixed?.text.indexOf('=') ?? -1;
      if (fixed && eq !== -1 && isScalar(item)) entries.push({ name: fixed.text.slice(0, eq), node: item, fixed, start: eq + 1 });
    }
  }
  for (const { name, node: value, fixed, start } of entries) {
    yield valueIn({ where: `${what} ${nameInMessage(name)}`, ...(named ? { name, siblings } : {}) }, value, fixed, start);
  }
}

/**
 * The value of a scalar from `start` on in its fixed text: a map value is reported as the whole
 * scalar, the value of a `KEY=value` item at the value when the columns allow.
 */
function valueIn(base: Pick<Candidate, 'where' | 'name' | 'siblings'>, node: LScalar, fixed: FixedText, start: number): Candidate {
  const at = (start > 0 && fixedLoc(node, fixed, start, fixed.text.length)) || node.loc;
  return { ...base, value: fixed.text.slice(start), at, from: { node, fixed, start, end: fixed.text.length } };
}
