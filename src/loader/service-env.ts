/** Reads the `env_file` files services name, as Compose does when it creates the containers. */
import { envFileLocation, envFilePaths, type EnvFileValues } from '../model/build.js';
import { get, isMap, str, type LMap } from '../model/node.js';
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
      const read = session.read(abs);
      if (!read.ok) {
        // A missing optional file is skipped silently, as in Compose.
        if (entry.required) {
          session.problem(`env_file "${entry.path}" cannot be read: ${read.message}`, entry.node.loc);
          out.set(abs, null);
        }
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
