import { randomBytes } from 'node:crypto';
import { startHub } from '../src/main/hub/hub-service';
import { envelope, hubCall } from '../test/main/hub-support';
import { type BenchContext, type BenchSuite, info, summarize, sum, timeAsync } from './harness';

const BATCH = 500;
const WARMUP = 3;
const BATCHES = 40;
const BENCH = 'hub.ingest.batch_500';

/**
 * Hub ingest over real HTTPS on loopback: one client pushing 500-change
 * batches (sealed payloads of a typical edit's size) into a fresh encrypted store.
 */
async function run(ctx: BenchContext): Promise<void> {
  const hub = await startHub({ dir: ctx.tempDir('hub'), key: randomBytes(32), host: '127.0.0.1', port: 0 });
  try {
    const { deviceToken } = await hub.enrollLocalDevice('bench-device', 'Bench', 'bench-practice');
    const push = (n: number) =>
      hubCall(hub.port, hub.certPem, 'POST', '/v1/changes', { changes: Array.from({ length: n }, () => envelope('bench-device', { sealed: randomBytes(300).toString('base64') })) }, deviceToken);
    for (let i = 0; i < WARMUP; i++) await push(BATCH);
    const samples: number[] = [];
    for (let i = 0; i < BATCHES; i++) {
      const { ms, value } = await timeAsync(() => push(BATCH));
      if (value.json.accepted.length !== BATCH) throw new Error(`hub bench: batch not accepted: ${JSON.stringify(value.json).slice(0, 200)}`);
      samples.push(ms);
    }
    const result = { ...summarize(BENCH, samples), changes_per_s: Math.round((BATCH * samples.length) / (sum(samples) / 1000)) };
    info(`hub: ${result.changes_per_s} changes/s`);
    ctx.emit(result);
  } finally {
    await hub.close();
  }
}

export const hubSuite: BenchSuite = { area: 'hub', benches: [BENCH], run };
