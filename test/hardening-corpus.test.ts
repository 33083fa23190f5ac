/**
 * Hardening findings on real compose files, reviewed by hand (recommended preset).
 * Each key is "severity rule line"; every listed finding must appear and no other
 * hardening finding may. `not` documents false positives other tools report here.
 */
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardeningRules } from '../rules/hardening.js';
import { lintFile } from '../src/lint.js';

const corpus = join(import.meta.dirname, '..', 'fixtures', 'corpus');
const ids = new Set(hardeningRules.map((r) => r.meta.id));
const NNP = 'warning require-no-new-privileges';

interface Review {
  file: string;
  findings: string[];
  /** Findings that must not appear (already implied by the exact list; kept as documentation). */
  not?: string[];
}

const reviews: Review[] = [
  // awesome-compose (CC0)
  {
    file: 'awesome-compose/pihole-cloudflared-DoH/compose.yaml',
    findings: [`${NNP} 3`, 'warning require-image-tag 4', `${NNP} 18`, 'warning require-image-tag 20',
      'warning no-sensitive-host-mount 41', 'warning no-sensitive-host-mount 42', 'warning no-dangerous-capability 44'],
    not: ['error no-hardcoded-secret 30'], // WEBPASSWORD=${PIHOLE_PW} is interpolated
  },
  {
    file: 'awesome-compose/wireguard/compose.yaml',
    findings: [`${NNP} 3`, 'warning require-image-tag 4', 'warning no-dangerous-capability 7', 'error no-dangerous-capability 8',
      'warning no-sensitive-host-mount 20', 'warning no-sensitive-host-mount 21', 'error no-sensitive-host-mount 22'], // writable /lib/modules: root loads them
  },
  {
    file: 'awesome-compose/react-express-mysql/compose.yaml',
    findings: [`${NNP} 2`, `${NNP} 31`, `${NNP} 47`],
    // DATABASE_PASSWORD=/run/secrets/db-password is a path (the Python compose-lint reports it);
    // `- /code/node_modules` is an anonymous volume, not a host path (KICS issue 8047).
    not: ['error no-hardcoded-secret 12', 'error no-sensitive-host-mount 55', 'warning no-sensitive-host-mount 55'],
  },
  {
    file: 'awesome-compose/react-rust-postgres/compose.yaml',
    findings: [`${NNP} 3`, `${NNP} 14`, 'error no-hardcoded-secret 24', `${NNP} 34`, 'error no-hardcoded-secret 38'],
  },
  // portainer-ce:alpine: a tag with no version in it moves as latest does
  { file: 'awesome-compose/portainer/compose.yaml', findings: [`${NNP} 2`, 'warning require-image-tag 3', 'error no-docker-socket-mount 9'], not: ['error no-sensitive-host-mount 9'] },
  { file: 'awesome-compose/traefik-golang/compose.yaml', findings: [`${NNP} 2`, 'error no-docker-socket-mount 10', `${NNP} 13`] },
  {
    file: 'awesome-compose/gitea-postgres/compose.yaml',
    // postgres:alpine follows each new major version: a channel, not a release
    findings: [`${NNP} 2`, 'warning require-image-tag 3', 'error no-hardcoded-secret 9', `${NNP} 15`, 'warning require-image-tag 16', 'error no-hardcoded-secret 19'],
  },
  {
    file: 'awesome-compose/prometheus-grafana/compose.yaml',
    findings: [`${NNP} 2`, 'warning require-image-tag 3', `${NNP} 13`, 'warning require-image-tag 14', 'error no-hardcoded-secret 21'],
    not: ['error no-hardcoded-secret 20'], // GF_SECURITY_ADMIN_USER is not a secret
  },
  {
    file: 'awesome-compose/nginx-golang-postgres/compose.yaml',
    findings: [`${NNP} 2`, `${NNP} 12`, 'warning require-image-tag 13', `${NNP} 31`, 'warning require-image-tag 32'],
    not: ['warning no-root-user 15', 'error no-hardcoded-secret 22'], // user: postgres; *_FILE variable
  },
  // the SA password again in the healthcheck's sqlcmd -P
  { file: 'awesome-compose/aspnet-mssql/compose.yaml', findings: [`${NNP} 2`, `${NNP} 6`, 'error no-hardcoded-secret 9', 'error no-hardcoded-secret 16'] },
  {
    file: 'awesome-compose/wasmedge-kafka-mysql/compose.yml',
    findings: [`${NNP} 2`, `${NNP} 21`, 'error no-hardcoded-secret 27', `${NNP} 33`, 'error no-hardcoded-secret 36'],
    not: ['warning require-image-tag 22', 'error no-hardcoded-secret 28'], // image names a build; kafka:// URL has no password
  },
  // docker compose publish oracle (Apache-2.0): every literal secret found, the interpolated one not.
  { file: 'docker-compose-testdata/TestPublishBindMount/compose.yaml', findings: [`${NNP} 2`, 'warning require-image-tag 3'] },
  { file: 'docker-compose-testdata/TestPublishBuildOnly/compose.yaml', findings: [`${NNP} 2`, `${NNP} 6`] },
  {
    file: 'docker-compose-testdata/TestPublishDetectSensitiveData/compose.yaml',
    // AWS access key ID by format, AWS secret access key by name; the env_file, config and secret files are missing on purpose.
    findings: [`${NNP} 2`, 'error no-hardcoded-secret 5', 'error no-hardcoded-secret 6', `${NNP} 9`],
  },
  { file: 'docker-compose-testdata/TestPublishInterpolatedEnv/compose.yaml', findings: [`${NNP} 2`], not: ['error no-hardcoded-secret 5'] },
  { file: 'docker-compose-testdata/TestPublishLocalInclude/compose.yaml', findings: [`${NNP} 5`, 'warning require-image-tag 6', `${NNP} common.yaml:2`, 'warning require-image-tag common.yaml:3'] },
  {
    file: 'docker-compose-testdata/TestPublishPromptAggregatesFindings/compose.yaml',
    findings: [`${NNP} 2`, 'error no-hardcoded-secret 5', `${NNP} 6`, 'error no-hardcoded-secret 11'],
  },
  { file: 'docker-compose-testdata/TestPublishPromptEnvFile/compose.yaml', findings: [`${NNP} 2`, `${NNP} 6`] },
  { file: 'docker-compose-testdata/TestPublishPromptSuspiciousEnv/compose.yaml', findings: [`${NNP} 2`, 'error no-hardcoded-secret 5', `${NNP} 6`] },
  { file: 'docker-compose-testdata/TestPublishWithExtends/compose.yaml', findings: [`${NNP} 2`, 'warning require-image-tag common.yaml:3'] },
];

describe('hardening findings on the corpus samples', () => {
  for (const review of reviews) {
    it(review.file, async () => {
      const path = join(corpus, review.file);
      const result = await lintFile(path, { preset: 'recommended' });
      expect(result.error).toBeUndefined();
      const actual = result.findings
        .filter((f) => ids.has(f.ruleId))
        .map((f) => `${f.severity} ${f.ruleId} ${basename(f.file) === basename(path) ? '' : `${basename(f.file)}:`}${f.line}`);
      expect(actual.sort()).toEqual([...review.findings].sort());
      for (const absent of review.not ?? []) expect(actual).not.toContain(absent);
    });
  }

  it('never prints a secret value', async () => {
    const result = await lintFile(join(corpus, 'docker-compose-testdata/TestPublishDetectSensitiveData/compose.yaml'));
    const messages = result.findings.map((f) => f.message).join('\n');
    expect(messages).toContain('AWS access key ID');
    expect(messages).not.toContain('A3TX1234567890ABCDEF');
    expect(messages).not.toContain('abcdefghijklm');
  });
});
