/**
 * Grafana's authentication settings as Grafana reads them: its config file (GF_PATHS_CONFIG, in the
 * official image /etc/grafana/grafana.ini) over the defaults, then each GF_<SECTION>_<KEY> variable
 * with a non-empty value over the file, key by key.
 */
import type { SideFiles } from '../graph/side-files.js';
import type { LNode } from '../model/node.js';
import type { EnvVar, Project, Service } from '../model/project.js';
import type { Loc } from '../types.js';
import { fileAt, parsed, type FileAt, type MountedFile } from './admin-config.js';
import type { OpenInterface } from './admin-auth.js';
import { envValueAt } from './values.js';

const OFFICIAL = /^grafana\/grafana(-oss|-enterprise)?$/;
const BITNAMI = /^bitnami(legacy)?\/grafana$/;

/** go-ini's parseBool, which Grafana's MustBool uses: these spellings only. */
function iniBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True', 'YES', 'yes', 'Yes', 'y', 'ON', 'on', 'On'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False', 'NO', 'no', 'No', 'n', 'OFF', 'off', 'Off'].includes(text)) return false;
  return undefined;
}

/** Grafana expands `${VAR}`, `$__env{VAR}`, `$__file{path}`... in every value, go-ini `%(key)s`: not known here. */
const EXPANDED = /\$(__\w+)?\{[^}]+\}|%\([^)]+\)s/;

/** An ini value and its line; value undefined when it is not known (continued, multi-line, expanded). */
interface IniEntry {
  value: string | undefined;
  line: number;
}

/** `section\0key` to the last value, read as go-ini reads it with Grafana's (default) options. */
export function readIni(text: string): Map<string, IniEntry> {
  const out = new Map<string, IniEntry>();
  let section = 'DEFAULT';
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      const close = line.lastIndexOf(']');
      if (close > 0) section = line.slice(1, close).trim();
      return;
    }
    const delimiter = line.search(/[=:]/);
    if (delimiter <= 0) return;
    const key = line.slice(0, delimiter).trim();
    out.set(`${section}\0${key}`, { value: iniValue(line.slice(delimiter + 1)), line: i + 1 });
  });
  return out;
}

function iniValue(raw: string): string | undefined {
  let value = raw.trim();
  if (value.startsWith('"""') || value.startsWith('`')) {
    const quote = value.startsWith('`') ? '`' : '"""';
    const end = value.lastIndexOf(quote);
    return end >= quote.length ? value.slice(quote.length, end) : undefined;
  }
  if (value.endsWith('\\')) return undefined; // continued on the next line
  const comment = value.search(/[#;]/);
  if (comment !== -1) value = value.slice(0, comment).trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]!)) value = value.slice(1, -1);
  return EXPANDED.test(value) ? undefined : value;
}

/** One setting as Grafana ends up with it, and where it comes from. */
type Setting =
  | { from: 'unknown' }
  | { from: 'default' }
  | { from: 'env'; value: string; variable: EnvVar }
  | { from: 'file'; value: string; line: number; section: string; key: string; file: MountedFile };

function settings(env: Map<string, EnvVar>, file: FileAt, entries: Map<string, IniEntry> | undefined) {
  return (section: string, key: string): Setting => {
    const variable = env.get(`GF_${section.toUpperCase().replace(/[.-]/g, '_')}_${key.toUpperCase().replace(/\./g, '_')}`);
    if (variable) {
      if (variable.unknown || variable.value === undefined) return { from: 'unknown' };
      if (variable.value) return EXPANDED.test(variable.value) ? { from: 'unknown' } : { from: 'env', value: variable.value, variable };
    }
    if (file === 'unknown' || (file && !entries)) return { from: 'unknown' };
    const entry = entries?.get(`${section}\0${key}`);
    // Grafana skips empty values of the file: the default stands.
    if (!entry || entry.value === '') return { from: 'default' };
    if (entry.value === undefined) return { from: 'unknown' };
    return { from: 'file', value: entry.value, line: entry.line, section, key, file: file as MountedFile };
  };
}

const known = (s: Setting): s is Extract<Setting, { value: string }> => s.from === 'env' || s.from === 'file';
const isTrue = (s: Setting) => known(s) && iniBool(s.value) === true;
const at = (s: Extract<Setting, { value: string }>): LNode | Loc => (s.from === 'env' ? envValueAt(s.variable) : s.file.at);

/** `GF_X=v with GF_Y=w`; settings of one file section together: `[s] a = v with b = w in config file f lines 2 and 3`. */
function described(parts: Extract<Setting, { value: string }>[]): string {
  const files = parts.filter((p) => p.from === 'file');
  if (files.length === parts.length && files.every((p) => p.file === files[0]!.file && p.section === files[0]!.section)) {
    const lines = [...new Set(files.map((p) => p.line))];
    const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)}`;
    return `[${files[0]!.section}] ${files.map((p) => `${p.key} = ${p.value}`).join(' with ')} in ${files[0]!.file.name} ${where}`;
  }
  return parts.map((p) => (p.from === 'env' ? `${p.variable.name}=${p.value}` : `[${p.section}] ${p.key} = ${p.value} in ${p.file.name} line ${p.line}`)).join(' with ');
}

export function grafanaOpen(service: Service, project: Project, files: SideFiles, env: Map<string, EnvVar>, repo: string | undefined): OpenInterface[] {
  if (repo === undefined || !(OFFICIAL.test(repo) || BITNAMI.test(repo))) return [];
  const setting = settings(env, ...grafanaIni(service, project, files, env, repo));
  const out: OpenInterface[] = [];

  // Anonymous visitors get org_role in the organisation; Viewer is the usual public dashboard.
  const enabled = setting('auth.anonymous', 'enabled');
  const role = setting('auth.anonymous', 'org_role');
  const level = known(role) ? role.value.trim().toLowerCase() : undefined;
  if (isTrue(enabled) && known(enabled) && known(role) && (level === 'admin' || level === 'editor')) {
    const admin = level === 'admin';
    out.push({
      product: 'Grafana', setting: described([enabled, role]), port: 3000, at: at(role),
      ...(admin ? {} : { severity: 'warning' as const }),
      can: admin ? 'manage its data sources, users and plugins, and query every data source with their stored credentials' : 'query every data source with their stored credentials and change any dashboard',
      remedy: role.from === 'env' ? 'set GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer (or turn anonymous access off) and sign users in' : 'set org_role = Viewer under [auth.anonymous] (or turn anonymous access off) and sign users in',
    });
  }

  // The auth proxy signs in whoever its header names; without a whitelist any client that reaches
  // Grafana directly can send that header itself.
  const proxy = setting('auth.proxy', 'enabled');
  const whitelist = setting('auth.proxy', 'whitelist');
  if (isTrue(proxy) && known(proxy) && (whitelist.from === 'default' || (known(whitelist) && whitelist.value.trim() === ''))) {
    const header = setting('auth.proxy', 'header_name');
    const name = header.from === 'default' ? 'X-WEBAUTH-USER' : known(header) ? header.value : undefined;
    out.push({
      product: 'Grafana', setting: `${described([proxy])}, with no whitelist`, port: 3000, at: at(proxy), severity: 'warning',
      can: `sign in as any user, an admin included, by sending ${name ? `the ${name} header` : 'the header the proxy sets'}`,
      remedy: 'restrict the auth proxy to the address of the proxy with GF_AUTH_PROXY_WHITELIST (or whitelist under [auth.proxy]), and let only the proxy reach Grafana',
    });
  }
  return out;
}

/** The config file Grafana loads and its entries. Bitnami's images start Grafana their own way: their file is not read. */
function grafanaIni(service: Service, project: Project, files: SideFiles, env: Map<string, EnvVar>, repo: string): [FileAt, Map<string, IniEntry> | undefined] {
  if (BITNAMI.test(repo)) return ['unknown', undefined];
  const variable = env.get('GF_PATHS_CONFIG');
  if (variable && (variable.unknown || typeof variable.value !== 'string' || !variable.value.startsWith('/'))) return ['unknown', undefined];
  // Nothing mounted there: the image's own grafana.ini, every line of which is a comment.
  const file = fileAt(service, project, files, variable?.value ?? '/etc/grafana/grafana.ini');
  if (file === undefined || file === 'unknown') return [file, undefined];
  return [file, parsed(files, file, 'grafana-ini', readIni)];
}
