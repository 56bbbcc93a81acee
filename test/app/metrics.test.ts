import { afterEach, describe, expect, it } from 'vitest';
import { appOctokit } from '../../src/app/appOctokit.js';
import { WritePacer } from '../../src/github/WritePacer.js';
import { startTestApp, type TestApp } from '../support/startTestApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const USER = 'tech-lead';

function labeled(a: TestApp, owner: string, repo: string, installation: number, number: number) {
  return a.payload('issues', 'labeled', (p) => {
    p.repository = { ...p.repository, name: repo, full_name: `${owner}/${repo}`, owner: { ...p.repository.owner, login: owner } };
    p.installation = { ...p.installation, id: installation };
    p.issue = { ...p.issue, number, title: 'Orders API', body: 'Customers place orders; we need an API for them.' };
    delete p.issue.pull_request;
    delete p.organization;
    p.label = { ...p.label, name: 'backend' };
    p.sender = { ...p.sender, login: USER, type: 'User' };
  });
}

/** Value of the sample `name{labels}` in Prometheus text, matching every given label. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics (Prometheus, default registry) with the paced app Octokit', () => {
  it('serves and counts GitHub requests, rate-limit remaining per installation, model tokens and cost, job outcomes', async () => {
    const pacer = new WritePacer();
    const a = (t = await startTestApp({ octokit: appOctokit({ pacer }), server: { pacer } }));
    a.gh.addRepo({ owner: 'other', name: 'web', installationId: 2 });
    a.gh.state.installations.add(2);
    for (const [owner, repo] of [['acme', 'api'], ['other', 'web']] as const) {
      a.gh.addIssue({ owner, repo, number: 7, title: 'Orders API', labels: ['backend'] });
      a.gh.setPermission(owner, repo, USER, 'write');
    }
    expect((await a.send('issues', labeled(a, 'acme', 'api', 1, 7))).status).toBe(200);
    expect((await a.send('issues', labeled(a, 'other', 'web', 2, 7))).status).toBe(200);
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes.map((o) => o.outcome.status)).toEqual(['done', 'done']);
    // Each installation wrote through its own pacing key.
    expect(pacer.reserved('1').length).toBeGreaterThanOrEqual(1);
    expect(pacer.reserved('2').length).toBeGreaterThanOrEqual(1);

    const res = await fetch(`${a.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'agency_github_requests_total', { method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: '201' })).toBe(2);
    for (const installation of ['1', '2']) {
      const remaining = sample(text, 'agency_github_rate_limit_remaining', { installation });
      expect(remaining).toBeGreaterThan(4900);
      expect(remaining).toBeLessThan(5000);
    }
    expect(sample(text, 'agency_jobs_total', { event: 'issues', outcome: 'done' })).toBe(2);
    expect(sample(text, 'agency_job_duration_seconds_count', { event: 'issues', outcome: 'done' })).toBe(2);
    const input = sample(text, 'agency_model_tokens_total', { kind: 'input' });
    expect(input).toBeGreaterThan(0);
    expect(sample(text, 'agency_model_cost_usd_total', {})).toBeGreaterThan(0);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    a.gh.assertNoViolations();
  });

  it('delays the job of an installation whose primary limit is spent, before any GitHub or model call', async () => {
    const pacer = new WritePacer();
    const a = (t = await startTestApp({ octokit: appOctokit({ pacer }), server: { pacer } }));
    a.gh.addIssue({ owner: 'acme', repo: 'api', number: 7, title: 'Orders API', labels: ['backend'] });
    a.gh.setPermission('acme', 'api', USER, 'write');
    pacer.exhaust('1', Date.now() + 60_000);
    const before = a.gh.requests.length;
    expect((await a.send('issues', labeled(a, 'acme', 'api', 1, 7))).status).toBe(200);
    const text = await (async () => {
      for (;;) {
        const body = await (await fetch(`${a.url}/metrics`)).text();
        if (sample(body, 'agency_jobs_total', { outcome: 'delayed' })) return body;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    expect(sample(text, 'agency_jobs_total', { event: 'issues', outcome: 'delayed' })).toBe(1);
    expect(a.gh.requests.length).toBe(before);
    expect(a.claude!.accepted()).toHaveLength(0);
    // Waiting out the limit without a worker: the job is still counted, not running.
    expect(a.server.queue.size).toBe(1);
    expect(a.outcomes).toEqual([]);
  });
});
