import { generateLargeDiff } from '../src/evidence/generateLargeDiff.js';
import { parseUnifiedDiff } from '../src/evidence/parseUnifiedDiff.js';
import { startTestApp } from '../test/support/startTestApp.js';
import { ms } from './stats.js';

/**
 * One review of a 300-file PR through the running app (signed webhook, offline engine, fake GitHub):
 * the GitHub requests it takes, by endpoint. Target: at most 8 plus pagination.
 */
export async function reviewRequestsBench(print: (line: string) => void): Promise<void> {
  const app = await startTestApp({ offline: true });
  try {
    app.gh.setPermission(app.owner, app.repo, 'dev', 'write');
    const files = parseUnifiedDiff(generateLargeDiff({ files: 300, changedLines: 40_000, migrations: 20 })).map((f) => ({
      filename: f.path,
      status: f.status,
      patch: f.patch,
      additions: f.additions,
      deletions: f.deletions,
      content: f.status === 'added' ? `${f.added.map((l) => l.text).join('\n')}\n` : undefined,
    }));
    const pr = app.gh.addPullRequest({ owner: app.owner, repo: app.repo, number: 7, title: 'Big change', body: '', user: 'dev', labels: ['backend'], files });
    const payload = app.payload('pull_request', 'opened', (p) => {
      p.number = 7;
      p.pull_request.number = 7;
      p.pull_request.draft = false;
      p.pull_request.state = 'open';
      p.pull_request.head = { ...p.pull_request.head, sha: pr.headSha, ref: pr.headRef };
      p.pull_request.base = { ...p.pull_request.base, sha: pr.baseSha, ref: pr.baseRef };
      p.pull_request.labels = [{ ...(p.pull_request.labels?.[0] ?? {}), name: 'backend' }];
      p.pull_request.user = { ...p.pull_request.user, login: 'dev', type: 'User' };
      p.sender = { ...p.sender, login: 'dev', type: 'User' };
    });
    const before = app.gh.requests.length;
    const start = performance.now();
    await app.send('pull_request', payload);
    const [outcome] = await app.waitForOutcomes(1, 60_000);
    const took = performance.now() - start;
    const requests = app.gh.requests.slice(before).filter((r) => r.actor !== 'app' && !r.path.startsWith('/app'));
    const counts = new Map<string, number>();
    for (const r of requests) counts.set(`${r.method} ${r.template ?? r.path}`, (counts.get(`${r.method} ${r.template ?? r.path}`) ?? 0) + 1);
    const pages = counts.get('GET /repos/{owner}/{repo}/pulls/{pull_number}/files') ?? 0;
    const batches = counts.get('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}') ?? 0;
    const base = requests.length - Math.max(0, pages - 1) - batches;
    print(`review of a 300-file PR through the app (offline engine, fake GitHub): ${outcome?.outcome.status}, ${ms(took)}`);
    print(`  GitHub requests: ${requests.length} = ${base} + ${Math.max(0, pages - 1)} extra pages of files + ${batches} extra annotation batches of 50 (target at most 8 plus pagination)`);
    for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) print(`    ${String(v).padStart(4)}  ${k}`);
  } finally {
    await app.close();
  }
}
