/** no-unauthenticated-datastore on images that start without authentication unless told otherwise (redis, valkey, mongo). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFile, lintText } from '../src/lint.js';
import { tempTree } from './tmp.js';

const RULE = 'no-unauthenticated-datastore';
const lint = (text: string, env: Record<string, string> = {}) => lintText(text, 'compose.yaml', { env }).findings.filter((f) => f.ruleId === RULE);
const at = (text: string, env: Record<string, string> = {}) => lint(text, env).map((f) => `${f.line}:${f.column} ${f.severity}`);

describe('no-unauthenticated-datastore on passwordless defaults', () => {
  const redis = (extra: string) => `services:\n  cache:\n    image: redis:7\n${extra}`;

  it('is an error when published beyond loopback, and silent otherwise', () => {
    expect(at(redis('    ports: ["6379:6379"]\n'))).toEqual(['3:12 error']);
    expect(at(redis('    network_mode: host\n'))).toEqual(['3:12 error']);
    expect(at(redis(''))).toEqual([]);
    expect(at(redis('    ports: ["127.0.0.1:6379:6379"]\n'))).toEqual([]);
    expect(at(redis('    ports: ["6379:6379"]\n    networks: [back]\nnetworks:\n  back: {internal: true}\n'))).toEqual([]);
  });

  it('says what is missing and what to do', () => {
    const [finding] = lint(redis('    ports: ["6379:6379"]\n'));
    expect(finding!.message).toBe(
      'Redis service "cache" runs without authentication (no requirepass in its command; the redis image starts without a password) and publishes port "6379:6379" on all host interfaces: '
      + 'anyone who can reach the host can read and change its data; add --requirepass ${REDIS_PASSWORD} to its command with the password in an untracked .env '
      + '(or requirepass or ACL users in a mounted config file), or publish the port on 127.0.0.1 only',
    );
  });

  it('reads the command as Compose interpolates it, and leaves an unknown one alone', () => {
    const text = redis('    ports: ["6379:6379"]\n    command: redis-server ${REDIS_ARGS}\n');
    expect(at(text)).toEqual([]);
    expect(at(text, { REDIS_ARGS: '--requirepass s3cret' })).toEqual([]);
    expect(at(text, { REDIS_ARGS: '--appendonly yes' })).toEqual(['3:12 error']);
    // Protected mode and a loopback bind refuse other hosts.
    expect(at(redis('    ports: ["6379:6379"]\n    command: redis-server --protected-mode yes\n'))).toEqual([]);
    expect(at(redis('    ports: ["6379:6379"]\n    command: redis-server --bind 127.0.0.1 ::1\n'))).toEqual([]);
  });

  it('leaves mongo alone when a root user may be set', async () => {
    const mongo = (env: string) => `services:\n  db:\n    image: mongo:7\n    ports: ["27017:27017"]\n${env}`;
    expect(at(mongo(''))).toEqual(['3:12 error']);
    expect(at(mongo('    environment:\n      MONGO_INITDB_ROOT_USERNAME: ${MONGO_USER}\n'))).toEqual([]);
    expect(at(mongo('    environment:\n      - MONGO_INITDB_ROOT_USERNAME\n'))).toEqual([]);
    expect(at(mongo('    environment:\n      MONGO_INITDB_ROOT_USERNAME: ""\n'))).toEqual(['3:12 error']);
    // An env file that cannot be read may hold the user.
    const dir = tempTree('cl-mongo-env-', { 'compose.yaml': `${mongo('    env_file: [mongo.env, unreadable.env]\n')}`, 'mongo.env': 'MONGO_INITDB_DATABASE=app\n', 'unreadable.env/x': '' });
    expect((await lintFile(join(dir, 'compose.yaml'), { cwd: dir })).findings.filter((f) => f.ruleId === RULE)).toEqual([]);
  });

  it('treats Elasticsearch before 8.0 without security as switched off, with the usual severities', () => {
    const es = (image: string, extra = '') => `services:\n  search:\n    image: ${image}\n${extra}`;
    expect(at(es('elasticsearch:7.16.1', '    ports: ["9200:9200"]\n'))).toEqual(['3:12 error']);
    expect(at(es('elasticsearch:7.16.1'))).toEqual(['3:12 warning']);
    expect(lint(es('elasticsearch:7.16.1'))[0]!.message).toContain('(no xpack.security.enabled=true; Elasticsearch 7.16.1 starts with security off before 8.0)');
    // The explicit switch is reported once, at the switch.
    expect(at(es('elasticsearch:7.16.1', '    environment:\n      xpack.security.enabled: "false"\n'))).toEqual(['5:31 warning']);
    expect(at(es('elasticsearch:${ES_VERSION}'), { ES_VERSION: '7.17.0' })).toEqual(['3:12 warning']);
    expect(at(es('elasticsearch:${ES_VERSION}'))).toEqual([]);
  });
});
