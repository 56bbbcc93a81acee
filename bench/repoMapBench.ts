import { Octokit } from '@octokit/rest';
import { octokitGitHub } from '../src/github/octokitGitHub.js';
import { buildRepoMap } from '../src/repomap/buildRepoMap.js';
import { loadRepoMap } from '../src/repomap/loadRepoMap.js';
import type { TreeFile } from '../src/domain/RepoMap.js';
import { createRepoMapCache } from '../src/repomap/RepoMapCache.js';
import { startFakeGitHub } from '../test/support/fakeGitHub.js';
import { commitToBranch } from '../test/support/fakeGitHubOps.js';
import { ms } from './stats.js';

/** A 5,000-file Express + Knex service: manifests, 60 migrations, route files, services and tests. */
function bigRepo(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const put = (path: string, text: string) => files.set(path, Buffer.from(text));
  put('package.json', JSON.stringify({ dependencies: { express: '4', knex: '3', pg: '8', ioredis: '5' } }));
  put('package-lock.json', '{}');
  put('AGENTS.md', '# Conventions\nOne router per resource in src/routes.\n');
  put('openapi.yaml', 'openapi: 3.0.0\npaths:\n  /orders:\n    get:\n      summary: list\n');
  for (let i = 0; i < 60; i++) put(`db/migrations/${String(i).padStart(4, '0')}_create_table${i}.sql`, `CREATE TABLE table${i} (id bigserial PRIMARY KEY, name text NOT NULL);\n`);
  for (let i = 0; files.size < 5000; i++) {
    const area = `m${i % 50}`;
    if (i % 10 === 0) put(`src/routes/${area}/r${i}.ts`, `router.get('/${area}/${i}', async (req, res) => res.json(await svc${i}(req)));\n`);
    else if (i % 3 === 0) put(`test/${area}/t${i}.test.ts`, `it('t${i}', () => {});\n`);
    else put(`src/${area}/services/s${i}.ts`, `export function svc${i}(x: unknown) {\n  return x;\n}\n`);
  }
  return files;
}

/** The repository map of a 5,000-file repository: requests, wall time, and the builder's own CPU. Goals: <= 12 requests and < 1 s CPU cold, <= 3 warm. */
export async function repoMapBench(print: (line: string) => void): Promise<void> {
  const gh = await startFakeGitHub();
  try {
    const repo = gh.addRepo({ owner: 'acme', name: 'big' });
    const files = bigRepo();
    commitToBranch(repo, 'main', files, 'seed');
    const port = octokitGitHub(new Octokit({ baseUrl: gh.url, auth: 'x', log: { debug() {}, info() {}, warn() {}, error() {} } }), 'acme', 'big', { botLogin: 'x[bot]' });
    const cache = createRepoMapCache();

    let before = gh.requests.length;
    let start = performance.now();
    const cold = await loadRepoMap(port, cache);
    const coldMs = performance.now() - start;
    const coldRequests = gh.requests.length - before;

    before = gh.requests.length;
    start = performance.now();
    await loadRepoMap(port, cache);
    const warmMs = performance.now() - start;
    const warmRequests = gh.requests.length - before;

    commitToBranch(repo, 'main', new Map([['src/routes/m1/r10.ts', Buffer.from("router.post('/m1/x', async (req, res) => res.json({}));\n")]]), 'edit');
    before = gh.requests.length;
    start = performance.now();
    await loadRepoMap(port, cache);
    const changedMs = performance.now() - start;
    const changedRequests = gh.requests.length - before;

    // The builder's own CPU, without HTTP or the fake: the same tree and texts from memory.
    const list: TreeFile[] = [...files].map(([path, b]) => ({ path, sha: path, size: b.length }));
    const cpuStart = process.cpuUsage();
    const runs = 5;
    for (let i = 0; i < runs; i++) {
      await buildRepoMap({ tree: async () => ({ files: list, truncated: false }), read: async (f) => ({ text: files.get(f.path)!.toString('utf8'), cached: false }), requests: () => 0 });
    }
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000 / runs;

    print(`repository map of a ${cold!.fileCount.toLocaleString('en-US')}-file repository (fake GitHub, @octokit/rest):`);
    print(`  cold cache: ${coldRequests} GitHub requests (goal <= 12), ${ms(coldMs)} wall; ${cold!.tables.length} tables, ${cold!.routes.length} routes, ${cold!.notRead.length} files not read (budget)`);
    print(`  warm cache, same tree: ${warmRequests} request(s) (goal <= 3), ${ms(warmMs)} wall`);
    print(`  warm cache, one file changed: ${changedRequests} request(s), ${ms(changedMs)} wall`);
    print(`  builder's own CPU (no HTTP): ${ms(cpuMs)} per map (goal < 1 s)`);
  } finally {
    await gh.close();
  }
}
