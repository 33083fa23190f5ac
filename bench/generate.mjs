// A synthetic compose project for the scaling table: N services on N/10 networks,
// shaped like a large real project (app tiers, datastores, published ports,
// environment, depends_on), deterministic so runs compare.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const IMAGES = [
  ['web', 'nginx:1.27.0'],
  ['api', 'node:20.15.1-alpine'],
  ['worker', 'python:3.12.4-slim'],
  ['db', 'postgres:16.3'],
  ['cache', 'redis:7.2.5'],
  ['queue', 'rabbitmq:3.13.4-management'],
  ['search', 'elasticsearch:8.14.1'],
  ['store', 'mongo:7.0.12'],
  ['sql', 'mariadb:11.4.2'],
  ['proxy', 'traefik:v3.0.4'],
];

/** YAML text of a project with `n` services and max(1, n/10) networks. */
export function generateProject(n) {
  const networks = Math.max(1, Math.floor(n / 10));
  const out = ['name: bench', 'services:'];
  for (let i = 0; i < n; i++) {
    const [kind, image] = IMAGES[i % IMAGES.length];
    out.push(`  ${kind}-${i}:`, `    image: ${image}`);
    if (i % 4 === 0) out.push('    ports:', `      - "${i % 8 === 0 ? '' : '127.0.0.1:'}${10000 + i}:80"`);
    out.push('    environment:', `      SERVICE_INDEX: "${i}"`, `      LOG_LEVEL: info`);
    if (kind === 'db') out.push('      POSTGRES_PASSWORD_FILE: /run/secrets/db');
    if (kind === 'api' && i % 20 === 1) out.push('      API_TOKEN: "s3cr3t-value-1234567890"');
    if (i > 0) {
      const deps = [...new Set([i - 1, Math.floor(i / 2)])].filter((d) => d !== i);
      out.push('    depends_on:', ...deps.map((d) => `      - ${IMAGES[d % IMAGES.length][0]}-${d}`));
    }
    if (i % 7 === 0) out.push('    read_only: true', '    security_opt:', '      - no-new-privileges:true', '    cap_drop:', '      - ALL');
    out.push('    networks:', `      - net-${i % networks}`);
    const second = (i * 7 + 3) % networks;
    if (i % 2 === 1 && second !== i % networks) out.push(`      - net-${second}`);
  }
  out.push('networks:');
  for (let k = 0; k < networks; k++) {
    out.push(`  net-${k}:`);
    if (k % 3 === 2) out.push('    internal: true');
  }
  return out.join('\n') + '\n';
}

/** Writes the project as `<dir>/n<n>/compose.yaml` and returns its path. */
export function writeProject(dir, n) {
  const projectDir = join(dir, `n${n}`);
  mkdirSync(projectDir, { recursive: true });
  const file = join(projectDir, 'compose.yaml');
  writeFileSync(file, generateProject(n));
  return file;
}
