import { burstBench } from './burstBench.js';
import { heldoutBench } from './heldout/heldoutBench.js';
import { migrationBench } from './migrationBench.js';
import { realCodeBench } from './realCodeBench.js';
import { redisBurstBench } from './redisBurstBench.js';
import { reviewBench } from './reviewBench.js';
import { reviewRequestsBench } from './reviewRequestsBench.js';
import { repoMapBench } from './repoMapBench.js';
import { rulesBench } from './rulesBench.js';

/** `npm run bench`: prints figures; never asserts. Pass `review`, `burst`, `migrations`, `repomap`, `rules`, `realcode`, `redis` or `heldout` to run one part (`realcode` alone lists every finding). */
async function main(): Promise<void> {
  const only = process.argv[2];
  const print = (line: string) => console.log(line);
  console.log(`agency-architect benchmarks · node ${process.version} · ${new Date().toISOString()}`);
  if (!only || only === 'review') await reviewBench(print);
  if (!only || only === 'review') await reviewRequestsBench(print);
  if (!only || only === 'burst') await burstBench(print);
  if (!only || only === 'migrations') await migrationBench(print);
  if (!only || only === 'repomap') await repoMapBench(print);
  if (!only || only === 'rules') await rulesBench(print);
  if (!only || only === 'realcode') await realCodeBench(print, only === 'realcode');
  if (!only || only === 'redis') await redisBurstBench(print);
  if (!only || only === 'heldout') await heldoutBench(print);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
