/** Colours and words shared by every format, so DOT, SVG, HTML and Mermaid read the same. */
import type { Severity } from '../types.js';
import type { Mark, PicCluster } from './model.js';

export const SEVERITY_COLOUR: Record<Severity, string> = { error: '#b71c1c', warning: '#c75000', note: '#1565c0' };

export const COLOUR = {
  ink: '#212121',
  muted: '#616161',
  service: '#ffffff',
  datastore: '#fff3cd',
  datastoreStroke: '#8a6d1e',
  public: '#e3f2fd',
  publicStroke: '#0d47a1',
  host: '#eeeeee',
  internet: '#f1f8e9',
  internal: '#2e7d32',
  internalFill: '#f1f8e9',
  open: '#757575',
  openFill: '#fafafa',
  depends: '#455a64',
};

/** The text marker that makes a finding readable without colour. */
export function markText(mark: Mark): string {
  return `! ${mark.ruleId}`;
}

/** What a cluster is, in words: `network backend (internal)`. */
export function clusterTitle(cluster: PicCluster): string {
  if (cluster.origin === 'docker-bridge') {
    const how = [...(cluster.networkMode ? ['network_mode: bridge'] : []), ...cluster.keys.map((k) => `network ${k}`)];
    return `Docker default bridge (${how.join(', ')})`;
  }
  if (cluster.undeclared) return `network ${cluster.name} (not declared)`;
  const flags: string[] = [];
  if (cluster.implicit) flags.push('implicit');
  if (cluster.external) flags.push('external');
  flags.push(...internalFlags(cluster));
  // Several keys, one Docker network: one box, titled with every key.
  if (cluster.keys.length > 1) flags.push(cluster.engineName !== undefined ? `one network: ${cluster.engineName}` : 'one network');
  return `network ${cluster.keys.length > 1 ? cluster.keys.join(', ') : cluster.name} (${flags.join(', ')})`;
}

/** `internal`, or for keys that disagree, what each says: `internal as back, not internal as back2`. */
function internalFlags(cluster: PicCluster): string[] {
  const byKey = cluster.internalByKey;
  if (!byKey) return [cluster.internal === true ? 'internal' : cluster.internal === false ? 'not internal' : 'internal: unknown'];
  const as = (what: string, keys: string[]) => (keys.length > 0 ? [`${what} as ${keys.join(', ')}`] : []);
  return [...as('internal', byKey.internal), ...as('not internal', byKey.notInternal), ...as('internal unknown', byKey.unknown)];
}

export const LEGEND_EDGES: [string, string][] = [
  ['solid arrow from host', 'published port (bind address:port -> container port)'],
  ['dotted arrow to internet', 'egress from a non-internal network'],
  ['thin arrow', 'depends_on / links that resolve'],
  ['dashed arrow', 'reference that cannot resolve (no shared network)'],
  ['bold arrow', 'shares a network stack (network_mode)'],
  ['line without arrow', 'service attached to several networks'],
  ['red, orange or blue, with "!"', 'a finding (error, warning or note), rule id named'],
];
