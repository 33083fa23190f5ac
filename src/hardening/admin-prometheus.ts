/**
 * Prometheus's HTTP API has no authentication of its own: `--web.enable-admin-api` (delete series,
 * snapshots) and `--web.enable-lifecycle` (shut down, reload) open write endpoints to whoever
 * reaches port 9090, unless `--web.config.file` puts basic auth or TLS client certificates in front.
 */
import type { OpenInterface } from './admin-auth.js';
import type { CommandWordAt } from './values.js';

type Word = CommandWordAt;

/** The last word that sets a kingpin boolean flag, or undefined when it is off (`--no-flag` or `=false` last). */
function flagOn(line: Word[], flag: string): Word | undefined {
  let found: Word | undefined;
  for (const w of line) {
    if (w.word === `--${flag}` || w.word === `--${flag}=true`) found = w;
    else if (w.word === `--no-${flag}` || w.word === `--${flag}=false`) found = undefined;
  }
  return found;
}

export function prometheusOpen(line: Word[], repo: string | undefined): OpenInterface[] {
  if (repo !== 'prom/prometheus' && repo !== 'prometheus/prometheus') return [];
  if (line.some((w) => w.word === '--web.config.file' || w.word.startsWith('--web.config.file='))) return [];
  const admin = flagOn(line, 'web.enable-admin-api');
  const lifecycle = flagOn(line, 'web.enable-lifecycle');
  const remedy = 'set --web.config.file to a web config with basic_auth_users (or TLS client certificates), or drop the flag';
  const restart = 'shut it down or reload its configuration (/-/quit, /-/reload)';
  if (admin) {
    return [{
      product: 'Prometheus', setting: `${admin.word}${lifecycle ? ` and ${lifecycle.word}` : ''}, with no --web.config.file`, port: 9090, at: admin.at,
      can: `delete its series and write snapshots through the admin API${lifecycle ? `, and ${restart}` : ''}`, remedy, errorWhenPublished: true,
    }];
  }
  if (lifecycle) {
    return [{ product: 'Prometheus', setting: `${lifecycle.word}, with no --web.config.file`, port: 9090, at: lifecycle.at, can: restart, remedy, severity: 'warning' }];
  }
  return [];
}
