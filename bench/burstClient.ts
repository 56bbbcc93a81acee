/**
 * Child process of the webhook burst benchmark: the load generator alone in its process, so the
 * latencies it measures are the server's, not the fakes' event loop (which run in the parent).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [url, bodiesPath, secret, connections, prefix] = process.argv.slice(2) as [string, string, string, string, string];
const bodies = JSON.parse(readFileSync(bodiesPath, 'utf8')) as string[];

async function main(): Promise<void> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(connections) }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const body = bodies[i]!;
        const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
        const t0 = performance.now();
        const res = await fetch(`${url}/api/github/webhooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': `${prefix}-${i}`, 'x-hub-signature-256': signature },
          body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  process.send!({ type: 'done', latencies, statuses }, () => process.exit(0));
}

void main();
