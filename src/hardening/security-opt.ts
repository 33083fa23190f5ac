/** `security_opt` entries: `key=value`, or the older `key:value` form Docker still accepts. */
import { get, str, type LMap, type LScalar } from '../model/node.js';
import { scalarItems } from './values.js';

export interface SecurityOpt {
  node: LScalar;
  key: string;
  /** Undefined for a bare flag such as `no-new-privileges`. */
  value?: string;
}

export function parseSecurityOpt(text: string): { key: string; value?: string } {
  const trimmed = text.trim();
  const eq = trimmed.indexOf('=');
  const colon = trimmed.indexOf(':');
  // Docker splits on the first `=` when there is one, else on the first `:`.
  const at = eq !== -1 ? eq : colon;
  if (at === -1) return { key: trimmed.toLowerCase() };
  return { key: trimmed.slice(0, at).trim().toLowerCase(), value: trimmed.slice(at + 1).trim() };
}

export interface SecurityOpts {
  opts: SecurityOpt[];
  /** True when some entry could not be read (interpolated): absence of an option is then not certain. */
  incomplete: boolean;
}

export function securityOpts(service: LMap): SecurityOpts {
  const out: SecurityOpts = { opts: [], incomplete: false };
  for (const node of scalarItems(get(service, 'security_opt'))) {
    const text = str(node);
    if (text === undefined) {
      out.incomplete = true;
      continue;
    }
    out.opts.push({ node, ...parseSecurityOpt(text) });
  }
  return out;
}
