/**
 * The corpus review as a test: the exact network findings on a few awesome-compose samples
 * (CC0, copied verbatim into fixtures/corpus/awesome-compose/). Each finding below was read and
 * accepted as a true positive; see docs/network-rules-review.md for the reasoning.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { lintFile } from '../src/lint.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'corpus', 'awesome-compose');
const network = new Set(allRules.filter((r) => r.meta.category === 'network').map((r) => r.meta.id));

const expected: Record<string, string[]> = {
  // Segmented (nc joins both), but neither backend network is internal.
  'nextcloud-redis-mariadb': ['no-unbound-port 6:9', 'require-internal-network 44:3', 'require-internal-network 45:3'],
  // pgAdmin is a client by design, so it is not "unrelated"; PostgreSQL is published to the world.
  'postgresql-pgadmin': ['require-internal-network 2:3', 'no-public-datastore-port 10:9', 'no-unbound-port 20:9'],
  // ${PLEX_MEDIA_PATH} comes from .env; host networking is the only network finding.
  plex: ['no-host-network 5:19'],
  // The frontend's stray `expose: 3306` does not make it a MySQL server.
  'react-java-mysql': ['no-unbound-port 40:9', 'require-internal-network 58:3'],
  // The guide's flat network: the nginx front end can reach MongoDB, which only the backend uses.
  'nginx-flask-mongo': ['no-flat-network 1:1', 'no-unrelated-datastore-access 2:3', 'no-unbound-port 10:9', 'require-internal-network 28:3'],
  // Redis published on all interfaces on the default network. Every public service (web1, web2 and
  // the nginx proxy) is built from source and may use Redis (web1 and web2 do, in code): no warning
  // names one, but notes say the linter cannot tell (the sample's Dockerfiles are not copied here;
  // with them, nginx, built FROM nginx, would be warned about).
  'nginx-nodejs-redis': [
    'require-internal-network 3:3', 'no-public-datastore-port 6:9',
    'no-unbound-port 12:9', 'no-unbound-port 18:9', 'no-unbound-port 22:7',
    'no-flat-network 2:1', 'no-unrelated-datastore-access 7:3', 'no-unrelated-datastore-access 13:3', 'no-unrelated-datastore-access 19:3',
  ],
};

describe('network findings on awesome-compose samples', () => {
  for (const [sample, findings] of Object.entries(expected)) {
    it(sample, async () => {
      const result = await lintFile(join(root, sample, 'compose.yaml'), { preset: 'strict' });
      expect(result.error).toBeUndefined();
      const actual = result.findings.filter((f) => network.has(f.ruleId)).map((f) => `${f.ruleId} ${f.line}:${f.column}`);
      expect(actual.sort()).toEqual([...findings].sort());
    });
  }

  it('says nothing above a note about public services built from source', async () => {
    const result = await lintFile(join(root, 'nginx-nodejs-redis', 'compose.yaml'), { preset: 'strict' });
    const segmentation = result.findings.filter((f) => f.ruleId === 'no-flat-network' || f.ruleId === 'no-unrelated-datastore-access');
    expect(new Set(segmentation.map((f) => f.severity))).toEqual(new Set(['note']));
  });

  it('names the nginx front end, which never uses MongoDB, as the flat network public service', async () => {
    const result = await lintFile(join(root, 'nginx-flask-mongo', 'compose.yaml'), { preset: 'strict' });
    expect(result.findings.find((f) => f.ruleId === 'no-flat-network')?.message).toContain('public-facing "web" can reach MongoDB "mongo"');
  });
});
