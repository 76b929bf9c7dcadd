import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { createDatabase, type PostgresCluster, startPostgresCluster } from './postgres-cluster';

/**
 * The real PostgreSQL the hub tests run on. `.ci/run` starts one cluster and
 * sets DENTAL_TEST_POSTGRES_URL; without it (a developer running one file),
 * this test file starts its own throwaway cluster and stops it afterwards.
 * Never a mock, and never a skip: no PostgreSQL at all fails the test.
 */
let own: Promise<PostgresCluster> | null = null;

afterAll(async () => {
  if (own) (await own).stop();
  own = null;
});

async function serverUrl(): Promise<string> {
  const fromEnv = process.env.DENTAL_TEST_POSTGRES_URL;
  if (fromEnv) return fromEnv;
  own ??= startPostgresCluster();
  return (await own).url;
}

/** A fresh database for one test: its URL. */
export async function freshDatabase(label = 'hub'): Promise<string> {
  return createDatabase(await serverUrl(), `t_${label}_${randomBytes(5).toString('hex')}`);
}
