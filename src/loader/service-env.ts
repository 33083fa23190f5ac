/** Reads the `env_file` files services name, as Compose does when it creates the containers. */
import { envFileLocation, envFilePaths, type EnvFileValues } from '../model/build.js';
import { get, isMap, isScalar, str, type LMap } from '../model/node.js';
import { envFileRole } from '../hardening/secrets.js';
import { parseDotenv } from './dotenv.js';
import type { Session } from './project-loader.js';

export function serviceEnvFiles(root: LMap, projectDir: string, env: Map<string, string>, session: Session): Map<string, EnvFileValues> {
  const out = new Map<string, EnvFileValues>();
  const services = get(root, 'services');
  if (!isMap(services)) return out;
  for (const { value: service } of services.entries) {
    for (const entry of envFilePaths(get(service, 'env_file'))) {
      const abs = envFileLocation(entry.path, entry.node.baseDir, projectDir);
      if (out.has(abs)) continue;
      // As for include: a path built from a variable that is not set could name any file on this machine.
      if (entry.unknown) {
        const pathNode = isMap(entry.node) ? get(entry.node, 'path') : entry.node;
        const written = isScalar(pathNode) ? pathNode.source ?? entry.path : entry.path;
        session.problem(`env_file "${written}" uses a variable that is not set; the file is not read, its values are not checked`, entry.node.loc, 'note');
        out.set(abs, null);
        continue;
      }
      const read = session.read(abs);
      if (!read.ok) {
        // A missing optional file is skipped silently, as in Compose.
        if (!entry.required) continue;
        if (read.missing && envFileRole(entry.path) === 'local') {
          // `.env`, `*.local`: untracked by convention, so absent from a checkout or CI by design.
          // Compose would refuse to start without it; for the linter its values are only unknown.
          session.problem(`env_file "${entry.path}" does not exist here (such files are usually not committed); its values are unknown and not checked`, entry.node.loc, 'note');
        } else {
          session.problem(`env_file "${entry.path}" cannot be read: ${read.message}`, entry.node.loc);
        }
        out.set(abs, null);
        continue;
      }
      const raw = isMap(entry.node) && str(get(entry.node, 'format')) === 'raw';
      const parsed = parseDotenv(read.text, session.display(abs), { lookup: (name) => env.get(name), raw });
      for (const p of parsed.problems) session.problem(p.message, p.loc);
      out.set(abs, { vars: parsed.vars });
    }
  }
  return out;
}
