/**
 * Database admin tools started so that nobody signs in: phpMyAdmin's config authentication and
 * pgAdmin's desktop mode, each as its official image reads its environment.
 */
import type { EnvVar } from '../model/project.js';
import type { OpenInterface } from './admin-auth.js';
import { envValueAt, knownValue } from './values.js';

export function dbToolsOpen(env: Map<string, EnvVar>, repo: string | undefined): OpenInterface[] {
  const out: OpenInterface[] = [];

  // phpMyAdmin's image switches to `auth_type = config` when PMA_USER is set: every visitor is
  // logged in to the database as that user, with PMA_PASSWORD, no login page.
  const user = env.get('PMA_USER');
  if ((repo === 'phpmyadmin' || repo === 'phpmyadmin/phpmyadmin') && knownValue(user) && user.value.trim() !== '') {
    out.push({
      product: 'phpMyAdmin', setting: `PMA_USER=${user.value.trim()}: config authentication`, port: 80, at: envValueAt(user),
      can: `use its databases as "${user.value.trim()}" without a login, reading and changing what that user may`,
      remedy: 'remove PMA_USER and PMA_PASSWORD so phpMyAdmin asks each user to sign in (cookie authentication)',
    });
  }

  // pgAdmin's image writes each PGADMIN_CONFIG_* value into its Python config as written:
  // SERVER_MODE = False is desktop mode, one user and no login.
  const mode = env.get('PGADMIN_CONFIG_SERVER_MODE');
  if (repo === 'dpage/pgadmin4' && knownValue(mode) && mode.value.trim() === 'False') {
    const master = env.get('PGADMIN_CONFIG_MASTER_PASSWORD_REQUIRED');
    const unlocked = knownValue(master) && master.value.trim() === 'False';
    out.push({
      product: 'pgAdmin', setting: unlocked ? 'PGADMIN_CONFIG_SERVER_MODE=False with PGADMIN_CONFIG_MASTER_PASSWORD_REQUIRED=False' : 'PGADMIN_CONFIG_SERVER_MODE=False', port: 80, at: envValueAt(mode),
      ...(unlocked ? {} : { severity: 'warning' as const }),
      can: unlocked ? 'use pgAdmin without signing in and connect to every server it knows with the passwords it saved' : 'use pgAdmin without signing in, and its query tool against any database it can reach',
      remedy: 'remove PGADMIN_CONFIG_SERVER_MODE (server mode signs users in with PGADMIN_DEFAULT_EMAIL and PGADMIN_DEFAULT_PASSWORD from an untracked .env)',
    });
  }
  return out;
}
