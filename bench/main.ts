import { burstBench } from './burstBench.js';
import { redisBurstBench } from './redisBurstBench.js';
import { reviewBench } from './reviewBench.js';
import { reviewRequestsBench } from './reviewRequestsBench.js';

/** `npm run bench`: prints figures; never asserts. Pass `review`, `burst` or `redis` to run one part. */
async function main(): Promise<void> {
  const only = process.argv[2];
  const print = (line: string) => console.log(line);
  console.log(`agency-architect benchmarks · node ${process.version} · ${new Date().toISOString()}`);
  if (!only || only === 'review') await reviewBench(print);
  if (!only || only === 'review') await reviewRequestsBench(print);
  if (!only || only === 'burst') await burstBench(print);
  if (!only || only === 'redis') await redisBurstBench(print);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
