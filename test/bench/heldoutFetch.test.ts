import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchHeldout } from '../../bench/heldout/fetchHeldout.js';
import { cachePath, type HeldoutSet } from '../../bench/heldout/manifest.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
let server: Server;
let base: string;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (req.url === `/owner/repo/${COMMIT}/dir/found%20file.py`) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('print("held out")\n');
      return;
    }
    res.writeHead(404);
    res.end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('fetchHeldout', () => {
  it('downloads each source into .heldout-cache/{repo}/{commit}/{path}, reports a 404 without stopping, and skips cached files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'heldout-fetch-'));
    try {
      const sets: HeldoutSet[] = [
        {
          set: 'code',
          kind: 'code',
          sources: [
            { repo: 'owner/repo', commit: COMMIT, path: 'dir/missing.py', labels: 'annotations' },
            { repo: 'owner/repo', commit: COMMIT, path: 'dir/found file.py', labels: 'annotations' },
            { repo: 'owner/repo', commit: COMMIT, path: 'dir/cached.py', labels: 'annotations' },
          ],
        },
      ];
      const cached = cachePath(root, sets[0]!.sources[2]!);
      mkdirSync(dirname(cached), { recursive: true });
      writeFileSync(cached, 'already here\n');
      const logged: string[] = [];
      const report = await fetchHeldout({ root, sets, baseUrl: `${base}/`, log: (l) => logged.push(l) });

      expect(report.fetched).toBe(1);
      expect(report.cached).toBe(1);
      expect(report.failed.map((f) => [f.source.path, f.error])).toEqual([['dir/missing.py', 'HTTP 404 Not Found']]);
      expect(logged).toEqual([expect.stringContaining('dir/missing.py: HTTP 404')]);
      expect(readFileSync(join(root, '.heldout-cache', 'owner/repo', COMMIT, 'dir/found file.py'), 'utf8')).toBe('print("held out")\n');
      expect(readFileSync(cached, 'utf8')).toBe('already here\n');
      expect(requested).not.toContain(`/owner/repo/${COMMIT}/dir/cached.py`);

      // A second run fetches only what failed.
      requested.length = 0;
      const again = await fetchHeldout({ root, sets, baseUrl: base });
      expect(again).toMatchObject({ fetched: 0, cached: 2 });
      expect(requested).toEqual([`/owner/repo/${COMMIT}/dir/missing.py`]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports an unreachable server per file instead of throwing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'heldout-fetch-'));
    try {
      const sets: HeldoutSet[] = [{ set: 'm', kind: 'migration', sources: [{ repo: 'o/r', commit: COMMIT, path: 'a.rb', expect: 'safe' }] }];
      // A port that was just free: nothing listens there (port 1 would be refused by fetch itself as a "bad port").
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const report = await fetchHeldout({ root, sets, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
      expect(report.failed).toHaveLength(1);
      // The cause, not only fetch's bare "fetch failed".
      expect(report.failed[0]!.error).toMatch(/^fetch failed: ECONNREFUSED$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
