/** Volume and mount syntaxes, short and long, normalised; relative bind sources resolved against the project. */
import { posix, win32 } from 'node:path';
import type { Mount, MountType } from './project.js';
import { UNKNOWN_MARK, bool, get, isMap, isScalar, str, type LNode, type LScalar } from './node.js';

const PROPAGATIONS = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

export function parseMount(node: LNode, projectDir: string): Mount | undefined {
  if (isScalar(node)) {
    if (node.unknown) return parseUnknownShortMount(node, projectDir);
    const text = str(node);
    if (text === undefined) return undefined;
    return parseShortMount(node, text, projectDir);
  }
  if (!isMap(node)) return undefined;
  const typeText = str(get(node, 'type'));
  const sourceNode = get(node, 'source');
  const source = str(sourceNode);
  const target = str(get(node, 'target'));
  let type: MountType;
  switch (typeText) {
    case 'bind': case 'volume': case 'tmpfs': case 'npipe': case 'cluster': case 'image':
      type = typeText;
      break;
    default:
      type = 'unknown';
  }
  if (type === 'volume' && !source) type = 'anonymous';
  const propagation = str(get(get(node, 'bind'), 'propagation'));
  const mount: Mount = {
    node,
    loc: node.loc,
    type,
    target,
    readOnly: bool(get(node, 'read_only')) === true,
    options: [],
    longSyntax: true,
  };
  if (source !== undefined) {
    mount.source = source;
    mount.sourceLoc = sourceNode!.loc;
    if (type === 'bind') mount.hostPath = resolveHostPath(source, projectDir);
  } else if (isScalar(sourceNode) && sourceNode.masked !== undefined) {
    mount.partialSource = partial(sourceNode.masked);
    mount.sourceLoc = sourceNode.loc;
  }
  if (propagation) mount.propagation = propagation;
  return mount;
}

function parseShortMount(node: LNode, text: string, projectDir: string): Mount {
  const parts = splitShortVolume(text);
  const base = { node, loc: node.loc, longSyntax: false };
  if (parts.length === 1) {
    return { ...base, type: 'anonymous', target: parts[0], readOnly: false, options: [] };
  }
  const [source, target, mode = ''] = parts as [string, string, string?];
  const options = mode ? mode.split(',').map((o) => o.trim()).filter(Boolean) : [];
  const isPath = isHostPath(source);
  const mount: Mount = {
    ...base,
    type: isPath ? 'bind' : 'volume',
    source,
    sourceLoc: node.loc,
    target,
    readOnly: options.includes('ro'),
    options,
  };
  const propagation = options.find((o) => PROPAGATIONS.has(o));
  if (propagation) mount.propagation = propagation;
  if (isPath) mount.hostPath = resolveHostPath(source, projectDir);
  return mount;
}

/**
 * A short mount with an unresolved variable: when the source is unknown the mount could be
 * anything (type 'unknown', no source), but a known target is kept, so `${SOCK}:/var/run/docker.sock`
 * is still visibly a mount onto the Docker socket path.
 */
function parseUnknownShortMount(node: LScalar, projectDir: string): Mount | undefined {
  const parts = splitShortVolume(node.masked ?? UNKNOWN_MARK);
  if (parts.length < 2) return undefined;
  const known = (part: string | undefined): string | undefined => (part === undefined || part.includes(UNKNOWN_MARK) ? undefined : part);
  const options = (known(parts[2]) ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const mount: Mount = { node, loc: node.loc, type: 'unknown', readOnly: options.includes('ro'), options, longSyntax: false };
  const target = known(parts[1]);
  if (target !== undefined) mount.target = target;
  const source = known(parts[0]);
  if (source !== undefined && source !== '') {
    mount.source = source;
    mount.sourceLoc = node.loc;
    mount.type = isHostPath(source) ? 'bind' : 'volume';
    if (mount.type === 'bind') mount.hostPath = resolveHostPath(source, projectDir);
  } else if (parts[0] !== undefined) {
    mount.partialSource = partial(parts[0]);
  }
  return mount;
}

function partial(masked: string): string {
  return masked.split(UNKNOWN_MARK).join('…');
}

/** Compose treats a source as a path when it starts with `/`, `.`, `~` or a Windows drive. */
export function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~') || /^[A-Za-z]:[\\/]/.test(source) || source.startsWith('\\\\');
}

export function resolveHostPath(source: string, projectDir: string): string {
  if (source.startsWith('~')) return source;
  if (/^[A-Za-z]:[\\/]/.test(source) || source.startsWith('\\\\')) return win32.normalize(source);
  return posix.resolve(projectDir, source);
}

/** Splits `src:dst[:mode]`, keeping a Windows drive letter (`C:\x:/y`) with its path. */
export function splitShortVolume(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const driveLetter = ch === ':' && current.length === 1 && /[A-Za-z]/.test(current) && /[\\/]/.test(text[i + 1] ?? '');
    if (ch === ':' && !driveLetter) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}
