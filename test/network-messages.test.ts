/** The wording of network findings where the fixtures (ids and locations only) cannot tell right from wrong. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';

const messages = (text: string, ruleId: string): string[] =>
  lintText(text, 'compose.yaml', { preset: 'strict' }).findings.filter((f) => f.ruleId === ruleId).map((f) => f.message);

describe('no-unreachable-service-reference', () => {
  it('says an alias answers only on its own network, even when the services share another one', () => {
    const [message] = messages(`
services:
  api:
    image: example/api:1.0
    networks:
      frontend:
      backend:
        aliases: [api-internal]
  admin:
    image: example/admin:1.0
    networks: [frontend]
    healthcheck:
      test: curl -fsS http://api-internal:8080/health
networks:
  frontend:
  backend:
    internal: true
`, 'no-unreachable-service-reference');
    expect(message).toContain('"api-internal" is a network alias of "api" only on "backend", and "admin" is not on it');
    expect(message).not.toContain('no network in common');
  });
});
