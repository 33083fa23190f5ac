/**
 * The fixer table: rule id (or `rule/messageId`) -> how to fix one finding.
 * Fixers find their target from the finding's service or network and its
 * start offset, in the yaml Document; rules never compute edits themselves.
 * Each fix has exactly one correct edit, and its description says what
 * behaviour it changes.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Finding } from '../types.js';
import { appendItem, entryAt, insertPair, lineContentEnd, pairOf, refuse, removeItem, removePair, renderLike, replaceNode, sequenceIndent, type TextEdit } from './text.js';

export interface FixContext {
  text: string;
  doc: Document.Parsed;
  finding: Finding;
  /** The finding's start offset in `text`. */
  offset: number;
}

export interface FixProposal {
  description: string;
  edits: TextEdit[];
}

export type Fixer = (context: FixContext) => FixProposal;

const ANY_ADDRESS = new Set(['', '0.0.0.0', '::', '[::]']);
const LOOPBACK = '127.0.0.1';

/** Refuses values that are shared (anchors, aliases) or not known until run time (`${VAR}`). */
function owned(node: YamlNode | null | undefined, what: string): YamlNode {
  if (!node) refuse(`${what} is missing`);
  if (isAlias(node)) refuse(`${what} is an alias (*${node.source}): editing it would change every use of the anchor`);
  if (node.anchor) refuse(`${what} has an anchor (&${node.anchor}): editing it would change every alias of it`);
  if (isScalar(node) && typeof node.value === 'string' && /\$/.test(node.value)) refuse(`${what} is built from a variable ("${node.value}")`);
  return node;
}

function hasMergeKey(map: YAMLMap): boolean {
  return map.items.some((p) => isScalar(p.key) && (p.key.value === '<<' || typeof p.key.value === 'symbol'));
}

function serviceMap({ doc, finding, offset }: FixContext): YAMLMap {
  if (!finding.service) refuse('the finding names no service');
  const servicesNode = pairOf(topMap(doc), 'services')?.value as YamlNode | undefined;
  // A legacy v1 file: the services are at the top level, where fixes do not edit.
  if (!servicesNode) refuse('the file has no `services:` key (the legacy v1 format): move the services under `services:` first');
  const services = owned(servicesNode, '`services`');
  if (!isMap(services)) refuse('`services` is not a mapping');
  const pair = pairOf(services, finding.service);
  if (!pair) {
    // The value was written in another file's service, which this one extends: that file names it its own way.
    const written = entryAt(services, offset)?.key;
    if (isScalar(written)) {
      const base = String(written.value);
      refuse(`the value is written in service "${base}", which service "${finding.service}" extends: editing it would change every service that extends "${base}"`);
    }
    refuse(`service "${finding.service}" is not defined in this file`);
  }
  const service = owned(pair.value as YamlNode, `service "${finding.service}"`);
  if (!isMap(service)) refuse(`service "${finding.service}" is not a mapping`);
  return service;
}

function topMap(doc: Document.Parsed): YAMLMap {
  if (!isMap(doc.contents)) refuse('the document is not a mapping');
  return doc.contents;
}

/** The item of `service.<key>` that the finding points at; refused when the value was not written there (anchor, merge key, another file). */
function itemAt(context: FixContext, service: YAMLMap, key: string): { seq: YAMLSeq; item: YamlNode; pair: Pair } {
  const pair = pairOf(service, key) ?? refuse(`\`${key}\` is not written in service "${context.finding.service}" (it comes from a merge key or another file)`);
  const seq = owned(pair.value as YamlNode, `\`${key}\``);
  if (!isSeq(seq)) refuse(`\`${key}\` is not a sequence`);
  // Contains, not starts at: a long-syntax port's finding points inside the mapping (at `published` or `host_ip`).
  const item = entryAt(seq, context.offset);
  if (!item) refuse(`the reported value is not written in \`${key}\` of service "${context.finding.service}" (it comes from an anchor, a merge key or another file)`);
  return { seq, item: owned(item, `the reported \`${key}\` entry`), pair };
}

/** no-unbound-port, no-public-datastore-port: publish on 127.0.0.1 instead of every interface. */
const bindPortToLoopback: Fixer = (context) => {
  const { item } = itemAt(context, serviceMap(context), 'ports');
  const service = context.finding.service!;
  const description = (port: string): string =>
    `bind port "${port}" of service "${service}" to ${LOOPBACK}: only this host (and a reverse proxy on it) can reach it; other machines lose access`;
  if (isScalar(item)) {
    const written = String(item.value);
    const parsed = splitShortPort(written) ?? refuse(`cannot read port "${written}"`);
    if (!ANY_ADDRESS.has(parsed.ip ?? '')) refuse(`port "${written}" is bound to ${parsed.ip}: choose between ${LOOPBACK} and removing the port`);
    return { description: description(written), edits: [replaceNode(item, renderLike(item, `${LOOPBACK}:${parsed.published}:${parsed.target}`))] };
  }
  if (!isMap(item)) refuse('the port is neither a string nor a mapping');
  if (hasMergeKey(item)) refuse('the port mapping has a merge key');
  const hostIp = pairOf(item, 'host_ip');
  const field = (key: string): string => String((pairOf(item, key)?.value as YamlNode | undefined)?.toJSON?.() ?? '');
  // Without `published`, Docker picks the host port: shown as the short syntax would write it ("83"),
  // with the protocol when it is not the default, as the finding's message shows it.
  const protocol = field('protocol');
  const suffix = protocol !== '' && protocol.toLowerCase() !== 'tcp' ? `/${protocol}` : '';
  const shown = `${pairOf(item, 'published') ? `${field('published')}:` : ''}${field('target')}${suffix}`;
  if (!hostIp) return { description: description(shown), edits: [insertPair(context.text, item, 'host_ip', LOOPBACK)] };
  const value = owned(hostIp.value as YamlNode, '`host_ip`');
  if (!isScalar(value) || !ANY_ADDRESS.has(String(value.value ?? ''))) refuse(`host_ip is ${String(isScalar(value) ? value.value : '?')}: choose between ${LOOPBACK} and removing the port`);
  return { description: description(shown), edits: [replaceNode(value, renderLike(value, LOOPBACK))] };
};

/** `[ip:]published:target[/protocol]` or `target[/protocol]`; undefined for forms that are not plain. */
export function splitShortPort(text: string): { ip?: string; published: string; target: string } | undefined {
  let rest = text.trim();
  let ip: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close === -1) return undefined;
    ip = rest.slice(0, close + 1);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (ip !== undefined && parts.length !== 2) return undefined;
  if (parts.length === 3) [ip] = parts;
  if (parts.length > 3) return undefined;
  const target = parts.at(-1)!;
  const published = parts.length >= 2 ? parts.at(-2)! : '';
  if (!/^\d[\d-]*(\/\w+)?$/.test(target) || !/^(\d[\d-]*)?$/.test(published)) return undefined;
  const out: { ip?: string; published: string; target: string } = { published, target };
  if (ip !== undefined) out.ip = ip;
  return out;
}

/** require-internal-network (a declared network, no publisher stranded): add `internal: true`. */
const markNetworkInternal: Fixer = (context) => {
  const { doc, finding, text, offset } = context;
  const name = finding.network ?? refuse('the finding names no network');
  const networks = owned(pairOf(topMap(doc), 'networks')?.value as YamlNode, '`networks`');
  if (!isMap(networks)) refuse('`networks` is not a mapping');
  const pair = pairOf(networks, name) ?? refuse(`network "${name}" is not declared in this file`);
  if ((pair.key as YamlNode).range?.[0] !== offset) refuse(`the reported network "${name}" is declared elsewhere`);
  const description = `mark network "${name}" internal: containers on it can no longer reach the internet or other hosts, only each other`;
  const value = pair.value as YamlNode | null;
  if (value === null || (isScalar(value) && value.value === null)) {
    if (value && value.range && value.range[1] > value.range[0]) return { description, edits: [replaceNode(value, '{ internal: true }')] };
    const keyNode = pair.key as YamlNode;
    const indent = keyNode.range![0] - text.lastIndexOf('\n', keyNode.range![0] - 1) - 1;
    const end = lineContentEnd(text, keyNode.range![1]);
    return { description, edits: [{ start: end, end, text: `\n${' '.repeat(indent + 2)}internal: true` }] };
  }
  const map = owned(value, `network "${name}"`);
  if (!isMap(map)) refuse(`network "${name}" is not a mapping`);
  if (hasMergeKey(map)) refuse(`network "${name}" has a merge key`);
  const internal = pairOf(map, 'internal');
  if (!internal) return { description, edits: [insertPair(text, map, 'internal', 'true')] };
  const current = owned(internal.value as YamlNode, '`internal`');
  return { description, edits: [replaceNode(current, 'true')] };
};

const NNP = 'no-new-privileges:true';

/** require-no-new-privileges: add `no-new-privileges:true`, or turn a `false` into `true`. */
const addNoNewPrivileges: Fixer = (context) => {
  const service = serviceMap(context);
  const name = context.finding.service!;
  const description = `set ${NNP} on service "${name}": setuid programs in it (sudo, su, some ping builds) can no longer gain privileges`;
  if (context.finding.messageId === 'disabled') {
    const { seq, item } = itemAt(context, service, 'security_opt');
    if (!isScalar(item)) refuse('the security_opt entry is not a string');
    // `true` is already listed (the later `false` won): drop the `false`, as a second `true` would repeat an entry.
    const listed = seq.items.some((other) => other !== item && isScalar(other) && /^no-new-privileges(:true|=true)?$/.test(String(other.value).trim()));
    if (listed) return { description, edits: [removeItem(context.text, seq, item)] };
    return { description, edits: [replaceNode(item, renderLike(item, NNP))] };
  }
  if (hasMergeKey(service)) refuse(`service "${name}" has a merge key: security_opt may be inherited`);
  const existing = pairOf(service, 'security_opt');
  if (!existing) {
    const indent = ' '.repeat(sequenceIndent(context.text, service));
    const keyColumn = ' '.repeat(columnOf(context.text, (service.items[0]?.key as YamlNode | undefined)?.range?.[0] ?? refuse('an empty service')));
    const value = service.flow ? `[${NNP}]` : `\n${keyColumn}${indent}- ${NNP}`;
    return { description, edits: [insertPair(context.text, service, 'security_opt', value)] };
  }
  const seq = owned(existing.value as YamlNode, '`security_opt`');
  if (!isSeq(seq) || seq.items.length === 0) refuse('`security_opt` is not a list with entries');
  return { description, edits: [appendItem(context.text, seq, NNP)] };
};

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** no-unconfined-security-profile: remove the entry, so the default profile applies again. */
const removeUnconfined: Fixer = (context) => {
  const service = serviceMap(context);
  const { seq, item, pair } = itemAt(context, service, 'security_opt');
  if (!isScalar(item)) refuse('the security_opt entry is not a string');
  const option = String(item.value).trim();
  const description = `remove "${option}" from service "${context.finding.service}": the default confinement applies again, and whatever it blocks (syscalls, file access) now fails in the container`;
  if (seq.items.length > 1) return { description, edits: [removeItem(context.text, seq, item)] };
  if (hasMergeKey(service)) refuse(`service "${context.finding.service}" has a merge key: removing security_opt would expose an inherited one`);
  return { description, edits: [removePair(context.text, service, pair)] };
};

/** no-privileged: remove `privileged: true`. */
const removePrivileged: Fixer = (context) => {
  const service = serviceMap(context);
  const pair = pairOf(service, 'privileged') ?? refuse(`\`privileged\` is not written in service "${context.finding.service}" (it comes from a merge key or another file)`);
  const value = owned(pair.value as YamlNode, '`privileged`');
  if (value.range?.[0] !== context.offset) refuse('the reported value is not this service\'s `privileged`');
  if (hasMergeKey(service)) refuse(`service "${context.finding.service}" has a merge key: removing privileged would expose an inherited one`);
  const description = `remove privileged: true from service "${context.finding.service}": the container loses host devices and every extra capability; grant only what it needs with cap_add or devices`;
  return { description, edits: [removePair(context.text, service, pair)] };
};

/** Keyed by rule id, or `rule id/message id` when only some of a rule's findings have one correct edit. */
export const FIXERS: Record<string, Fixer> = {
  // Not on a possible public entry point (entryPoint) nor an address written as a variable (unboundDefault).
  'no-unbound-port/unbound': bindPortToLoopback,
  'no-public-datastore-port': bindPortToLoopback,
  'require-internal-network/notInternal': markNetworkInternal,
  'require-no-new-privileges': addNoNewPrivileges,
  'no-unconfined-security-profile': removeUnconfined,
  'no-privileged/privileged': removePrivileged,
};

/**
 * Rules whose findings depend on each other: marking one network internal can
 * strand a publisher that another network's finding assumed would keep a way
 * out. Their fixes are applied one per pass, and the file is linted again in between.
 */
export const ONE_AT_A_TIME = new Set(['require-internal-network']);

export function fixerFor(finding: Pick<Finding, 'ruleId' | 'messageId'>): Fixer | undefined {
  return FIXERS[`${finding.ruleId}/${finding.messageId ?? ''}`] ?? FIXERS[finding.ruleId];
}

/** Rule ids that have a fixer for at least one of their findings (these rules need `fixable: true`). */
export function fixableRuleIds(): string[] {
  return [...new Set(Object.keys(FIXERS).map((k) => k.split('/')[0]!))].sort();
}
