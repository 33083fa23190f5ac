/**
 * Datastores by image name (src/graph/datastore.ts): every kind, its variant forms (a prefix with
 * suffixes, repositories of several segments), registries, tags and digests, and the clients and
 * look-alikes that are not a datastore.
 */
import { describe, expect, it } from 'vitest';
import { detectDatastore } from '../src/graph/datastore.js';
import { lintTextDetailed } from '../src/lint.js';

/** The datastore kind each image runs, as detectDatastore reads it from a service with only that image. */
function kinds(images: string[]): Record<string, string | undefined> {
  const text = `services:\n${images.map((image, i) => `  s${i}:\n    image: ${JSON.stringify(image)}\n`).join('')}`;
  const { project } = lintTextDetailed(text, 'compose.yaml');
  return Object.fromEntries(project!.services.map((service, i) => [images[i]!, detectDatastore(service)?.kind]));
}

describe('datastores recognised by image', () => {
  it('knows each datastore by its repository, whatever the registry, namespace, tag or digest', () => {
    const expected: Record<string, string> = {
      'postgres:16': 'PostgreSQL', 'docker.io/library/postgres@sha256:0123': 'PostgreSQL', 'bitnami/postgresql:16': 'PostgreSQL',
      'bitnami/postgresql-repmgr': 'PostgreSQL', 'postgis/postgis:16-3.4': 'PostgreSQL', 'pgvector/pgvector:pg16': 'PostgreSQL',
      'timescale/timescaledb-ha:pg16': 'PostgreSQL', 'supabase/postgres:15': 'PostgreSQL', 'ghcr.io/cloudnative-pg/postgresql:16': 'PostgreSQL',
      'citusdata/citus': 'PostgreSQL', 'allworldit/docker/postgresql/v3.17': 'PostgreSQL',
      'mysql:8': 'MySQL', 'mysql/mysql-server:8.0': 'MySQL', 'container-registry.oracle.com/mysql/community-server': 'MySQL', 'percona/percona-server:8.0': 'MySQL',
      'mariadb:11': 'MariaDB', 'bitnami/mariadb-galera': 'MariaDB',
      'mongo:7': 'MongoDB', 'mongodb/mongodb-community-server': 'MongoDB', 'percona/percona-server-mongodb': 'MongoDB',
      'redis:7': 'Redis', 'redis/redis-stack-server': 'Redis', 'bitnami/redis-cluster': 'Redis', 'redislabs/rejson': 'Redis',
      'valkey/valkey:8': 'Valkey', 'eqalpha/keydb': 'KeyDB', 'docker.dragonflydb.io/dragonflydb/dragonfly': 'Dragonfly', 'memcached:1.6': 'Memcached',
      'docker.elastic.co/elasticsearch/elasticsearch:8.15.0': 'Elasticsearch', 'opensearchproject/opensearch:2': 'OpenSearch',
      'cassandra:5': 'Cassandra', 'scylladb/scylla': 'ScyllaDB', 'couchdb:3': 'CouchDB',
      'couchbase:community': 'Couchbase', 'neo4j:5-enterprise': 'Neo4j', 'influxdb:2': 'InfluxDB', 'clickhouse/clickhouse-server': 'ClickHouse',
      'cockroachdb/cockroach': 'CockroachDB', 'yugabytedb/yugabyte': 'YugabyteDB', 'pingcap/tidb': 'TiDB', 'ibmcom/db2': 'Db2',
      'mcr.microsoft.com/mssql/server:2022-latest': 'SQL Server', 'mcr.microsoft.com/mssql/rhel/server': 'SQL Server', 'mcr.microsoft.com/azure-sql-edge': 'SQL Server',
      'gvenzl/oracle-xe:21-slim': 'Oracle Database', 'gvenzl/oracle-free': 'Oracle Database', 'container-registry.oracle.com/database/free': 'Oracle Database',
      'questdb/questdb': 'QuestDB', 'arangodb:3.12': 'ArangoDB', 'rethinkdb:2.4': 'RethinkDB',
    };
    expect(kinds(Object.keys(expected))).toEqual(expected);
  });

  it('does not take clients, tools and look-alikes for the datastore', () => {
    const images = [
      'adminer', 'dpage/pgadmin4', 'phpmyadmin/phpmyadmin', 'mongo-express', 'redislabs/redisinsight:latest', 'rediscommander/redis-commander',
      'prometheuscommunity/postgres-exporter', 'prom/mysqld-exporter', 'oliver006/redis_exporter', 'bitnami/pgbouncer', 'pgpool/pgpool-ii',
      'grafana/grafana', 'postgres-backup-local', 'nginx', 'mysqlclient', 'postgresxl', 'oracle-instantclient', 'my-postgres', 'redislabs/redisinsight-v2',
    ];
    expect(kinds(images)).toEqual(Object.fromEntries(images.map((image) => [image, undefined])));
  });
});
