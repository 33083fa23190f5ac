/** Compose profiles: the active ones (`--profile`, else COMPOSE_PROFILES), and the services they keep. */
import { get, isMap, isScalar, isSeq, str, type LEntry, type LMap, type LNode } from '../model/node.js';

export function activeProfiles(given: string[] | undefined, env: Map<string, string>): string[] | undefined {
  const list = given && given.length > 0 ? given : (env.get('COMPOSE_PROFILES') ?? '').split(',');
  const profiles = list.map((p) => p.trim()).filter(Boolean);
  return profiles.length === 0 ? undefined : profiles;
}

/** Services `docker compose --profile ...` would start: those without profiles or with an active one; and the others. */
export function withProfiles(root: LMap, profiles: string[] | undefined): { root: LMap; inactive: LMap[] } {
  const services = get(root, 'services');
  if (!profiles || profiles.includes('*') || !isMap(services)) return { root, inactive: [] };
  const active = new Set(profiles);
  const kept: LEntry[] = [];
  const inactive: LMap[] = [];
  for (const entry of services.entries) {
    const { value } = entry;
    const list = isSeq(get(value, 'profiles')) ? (get(value, 'profiles') as { items: LNode[] }).items : [];
    const names = list.map(str).filter((p) => p !== undefined);
    if (list.length === 0 || names.some((p) => active.has(p)) || list.some((n) => isScalar(n) && n.unknown)) kept.push(entry);
    else if (isMap(value)) inactive.push(value);
  }
  return { root: { ...root, entries: root.entries.map((e) => (e.value === services ? { key: e.key, value: { ...services, entries: kept } } : e)) }, inactive };
}
