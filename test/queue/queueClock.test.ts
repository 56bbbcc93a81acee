import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/queue/InProcessQueue.js';

const log = { warn: () => undefined, error: () => undefined };

describe('InProcessQueue clock', () => {
  it('measures the oldest waiting job on the clock it is given', async () => {
    let now = 1_000;
    const queue = new InProcessQueue(1, log, 100, () => now);
    let release!: () => void;
    const started = new Promise<void>((r) => {
      queue.add({ id: 'a', description: 'a', run: () => (r(), new Promise<void>((done) => (release = done))) });
    });
    await started;
    queue.add({ id: 'b', description: 'b', run: async () => undefined });
    now += 42_000;
    expect((await queue.health()).oldestWaitingMs).toBe(42_000);
    release();
    await queue.shutdown(1_000);
  });
});
