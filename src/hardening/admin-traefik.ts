/**
 * Traefik's insecure API as Traefik reads its static configuration: from ONE source, the first that
 * loads of a config file, the command-line flags, then the TRAEFIK_* variables (its cli loaders stop
 * at the first). A file found where Traefik looks makes the flags and variables ignored.
 */
import { posix } from 'node:path';
import { isMap, isScalar, parseAllDocuments } from 'yaml';
import { lineIndexAt, lineStarts } from '../lines.js';
import type { SideFiles } from '../graph/side-files.js';
import { get, str, type LNode } from '../model/node.js';
import type { EnvVar, Project, Service } from '../model/project.js';
import type { Loc } from '../types.js';
import { fileAt, parsed, type MountedFile } from './admin-config.js';
import type { OpenInterface } from './admin-auth.js';
import { envValueAt, knownValue, type CommandWordAt } from './values.js';

type Word = CommandWordAt;

/** Go's strconv.ParseBool, which Traefik's decoders use for every source. */
export function goBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** The Finder's order: the --configFile path, then each base with .toml, .yaml, .yml. */
function candidates(service: Service, env: Map<string, EnvVar>, line: Word[]): string[] {
  // The image sets no WORKDIR: `./traefik.yml` is /traefik.yml unless `working_dir` says otherwise.
  const dir = get(service.node, 'working_dir') === undefined ? '/' : str(get(service.node, 'working_dir'));
  const absolute = (path: string | undefined) => {
    if (path === undefined || path.includes('$')) return undefined;
    if (path.startsWith('/')) return posix.normalize(path);
    return dir?.startsWith('/') ? posix.join(dir, path) : undefined;
  };
  const out: (string | undefined)[] = [absolute(configFileFlag(line))];
  const variable = (name: string): string | null | undefined => {
    const v = env.get(name);
    if (!v) return null;
    return v.unknown || v.value === undefined ? undefined : (v.value ?? '');
  };
  // Traefik expands $XDG_CONFIG_HOME and $HOME in these paths; an unset XDG_CONFIG_HOME leaves `/traefik.*`.
  const xdg = variable('XDG_CONFIG_HOME');
  const home = variable('HOME');
  const bases = [
    '/etc/traefik/traefik',
    xdg === undefined ? undefined : absolute(`${xdg ?? ''}/traefik`),
    // Docker sets HOME=/root for root, the image's user; another user's home is not known here.
    home === undefined ? undefined : home === null ? (get(service.node, 'user') === undefined ? '/root/.config/traefik' : undefined) : absolute(`${home}/.config/traefik`),
    absolute('traefik'),
  ];
  for (const base of bases) if (base) for (const ext of ['toml', 'yaml', 'yml']) out.push(`${base}.${ext}`);
  return [...new Set(out.filter((p): p is string => p !== undefined))];
}

/**
 * The --configFile value. Traefik looks it up as `configFile`, else `configfile`, under the
 * spelling of the flag's first occurrence; a later occurrence replaces the value.
 */
function configFileFlag(line: Word[]): string | undefined {
  let spelling: string | undefined;
  let value: string | undefined;
  line.forEach((w, i) => {
    const m = /^--?(configfile)(?:=(.*))?$/i.exec(w.word);
    if (!m) return;
    spelling ??= m[1];
    value = m[2] ?? line[i + 1]?.word;
  });
  return spelling === 'configFile' || spelling === 'configfile' ? value : undefined;
}

/** Where `api.insecure` is set true in a static config file: the line, and the setting as written. */
interface Insecure {
  line: number;
  setting: string;
}

/**
 * `api.insecure` in Traefik's YAML: the first document, keys matched without regard to case as
 * Traefik's decoder matches them, a scalar value as ParseBool reads its text (YAML 1.2: `yes` is a
 * string). A document yaml refuses (a duplicate key) Traefik refuses too: no answer.
 */
function yamlInsecure(text: string): Insecure | undefined {
  const first = parseAllDocuments(text, { prettyErrors: false });
  const doc = Array.isArray(first) ? first[0] : undefined;
  if (!doc || doc.errors.length > 0) return undefined;
  const api = valueOf(doc.contents, 'api');
  const insecure = valueOf(api, 'insecure');
  if (!isScalar(insecure) || insecure.value === null || !insecure.range || goBool(String(insecure.value)) !== true) return undefined;
  // As written, unless it spans lines (a block scalar): then its value.
  const source = text.slice(insecure.range[0], insecure.range[1]);
  const written = source.includes('\n') ? String(insecure.value) : source;
  const line = lineIndexAt(lineStarts(text), insecure.range[0]) + 1;
  return { line, setting: isMap(api) && api.flow ? `api: { insecure: ${written} }` : `api.insecure: ${written}` };
}

function valueOf(map: unknown, key: string): unknown {
  return isMap(map) ? map.items.find((pair) => isScalar(pair.key) && String(pair.key.value).toLowerCase() === key)?.value : undefined;
}

/** A small reading of TOML: `insecure` in the `[api]` table, `api.insecure`, or `api = { insecure = ... }`. */
function tomlInsecure(text: string): Insecure | undefined {
  let table: string[] | undefined = [];
  let found: Insecure | undefined;
  const path = (key: string) => key.split('.').map((k) => k.trim().replace(/^(["'])(.*)\1$/, '$2').toLowerCase());
  const value = (raw: string) => goBool(raw.trim().replace(/^(["'])(.*)\1$/, '$2'));
  text.split('\n').forEach((raw, i) => {
    const line = stripComment(raw).trim();
    if (line.startsWith('[[')) table = undefined;
    else if (line.startsWith('[')) table = line.endsWith(']') ? path(line.slice(1, -1)) : undefined;
    const kv = /^([^=[]+?)\s*=\s*(.+)$/.exec(line);
    if (!kv || !table) return;
    const key = [...table, ...path(kv[1]!)].join('.');
    const inline = key === 'api' ? /^\{.*?\binsecure\s*=\s*([^,}]+)/i.exec(kv[2]!) : null;
    if (key !== 'api.insecure' && !inline) return;
    found = undefined;
    if (value(inline ? inline[1]! : kv[2]!)) {
      const setting = inline ? `api = { insecure = ${inline[1]!.trim()} }` : table.length > 0 ? `[api] insecure = ${kv[2]!.trim()}` : `api.insecure = ${kv[2]!.trim()}`;
      found = { line: i + 1, setting };
    }
  });
  return found;
}

/** A line without its `#` comment (a `#` inside quotes is text). */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

/** Traefik decodes a file by its extension; another extension is an error at start. */
function insecureIn(files: SideFiles, file: MountedFile): Insecure | undefined {
  const ext = /\.([^./]+)$/.exec(file.path)?.[1]?.toLowerCase();
  if (ext === 'toml') return parsed(files, file, 'traefik-toml', tomlInsecure);
  if (ext === 'yaml' || ext === 'yml') return parsed(files, file, 'traefik-yaml', yamlInsecure);
  return undefined;
}

const CAN = 'read every router, service, middleware and back-end address it knows';
const REMEDY = 'remove it, and serve the dashboard through a router to api@internal with an authentication middleware (basicAuth, forwardAuth)';

export function traefikOpen(service: Service, project: Project, files: SideFiles, env: Map<string, EnvVar>, line: Word[]): OpenInterface[] {
  const open = (setting: string, at: LNode | Loc): OpenInterface[] => [{ product: 'Traefik', setting, port: 8080, at, severity: 'warning', can: CAN, remedy: REMEDY }];
  // The first candidate that is there is the one Traefik loads. What a named volume or a directory
  // outside the project holds is not known: taken as no file, as before files were read.
  let unsure = false;
  for (const path of candidates(service, env, line)) {
    const file = fileAt(service, project, files, path);
    if (file === 'unknown') unsure = true;
    if (file === undefined || file === 'unknown') continue;
    // After an unknown candidate, Traefik may load that one instead: flags are ignored either way.
    const insecure = unsure ? undefined : insecureIn(files, file);
    return insecure ? open(`${insecure.setting} in ${file.name} line ${insecure.line}`, file.at) : [];
  }
  // No file: the flags, when there is any (the words after `traefik`, or all of them: the image's
  // entrypoint runs traefik with them); the last --api.insecure wins.
  const args = /(^|\/)traefik$/.test(line[0]?.word ?? '') ? line.slice(1) : line;
  if (args.some((w) => w.word.startsWith('-'))) {
    const flag = args.filter((w) => /^--?api\.insecure(=|$)/i.test(w.word)).pop();
    const value = flag && (flag.word.includes('=') ? flag.word.slice(flag.word.indexOf('=') + 1) : 'true');
    return flag && goBool(value!) ? open(flag.word, flag.at) : [];
  }
  const variable = env.get('TRAEFIK_API_INSECURE');
  if (knownValue(variable) && goBool(variable.value)) {
    return open(`TRAEFIK_API_INSECURE=${variable.value}`, envValueAt(variable));
  }
  return [];
}
