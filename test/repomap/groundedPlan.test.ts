import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import type { Plan } from '../../src/domain/planSchema.js';
import { offlinePlan } from '../../src/model/offline/offlinePlan.js';
import { buildRepoMap } from '../../src/repomap/buildRepoMap.js';
import type { RepoMap } from '../../src/domain/RepoMap.js';
import { EXPRESS_REPO } from './fixtureRepo.js';

async function mapOf(files: Record<string, string>): Promise<RepoMap> {
  return buildRepoMap({
    tree: async () => ({ files: Object.entries(files).map(([path, t]) => ({ path, sha: createHash('sha1').update(t).digest('hex'), size: t.length })), truncated: false }),
    read: async (f) => ({ text: files[f.path]!, cached: false }),
    requests: () => 0,
  });
}

async function plan(text: string, map?: RepoMap): Promise<Plan> {
  const [agent] = await loadBuiltinAgents();
  return offlinePlan({ agent: agent!, focus: 'plan', subject: { kind: 'issue', title: text.split('\n')[0]!.replace(/^#\s*/, ''), body: text, comments: [] }, decisions: [], repoMap: map });
}

function allText(p: Plan): string {
  return JSON.stringify(p);
}

function bulletLists(p: Plan): string[][] {
  return [...p.sections.map((s) => s.items), [...p.sections.flatMap((s) => s.questions), ...p.openQuestions], ...Object.values(p.checklists)];
}

const issue = readFileSync(new URL('../../examples/issue.md', import.meta.url), 'utf8');

describe('the offline plan on a mapped repository', () => {
  it('names the detected stack and existing tables and routes, and puts new pieces where the codebase does', async () => {
    const p = await plan(issue, await mapOf(EXPRESS_REPO));
    expect(p.summary).toMatch(/Detected stack: Express, Stripe SDK, Knex, PostgreSQL/);
    const dataModel = p.sections.find((s) => s.kind === 'data-model')!;
    expect(dataModel.items[0]).toMatch(/`users` \(id bigserial, email text\)/);
    expect(dataModel.items[0]).toContain('db/migrations/');
    const api = p.sections.find((s) => s.kind === 'api')!;
    expect(api.items[0]).toMatch(/Existing routes: .*`GET \/healthz`/);
    expect(api.items[0]).toContain('src/routes/');
    // The generic stack assumption is replaced by what the repository says.
    expect(allText(p)).not.toMatch(/translate the advice if the stack differs/);
    expect(p.assumptions.join(' ')).toMatch(/uses Express, Stripe SDK, Knex, PostgreSQL/);
    expect(p.assumptions.join(' ')).toContain('AGENTS.md');
  });

  it('on a MongoDB repository it does not assume PostgreSQL', async () => {
    const p = await plan(issue, await mapOf({ 'package.json': JSON.stringify({ dependencies: { fastify: '4', mongoose: '8' } }) }));
    expect(p.assumptions.join(' ')).toMatch(/uses Fastify, Mongoose, MongoDB/);
    expect(p.assumptions.join(' ')).not.toMatch(/PostgreSQL is the primary store/);
  });

  it('does not ask what the issue already answers (Stripe, the roles, the webhooks, the volume)', async () => {
    const questions = (await plan(issue)).openQuestions.concat((await plan(issue)).sections.flatMap((s) => s.questions)).join('\n');
    expect(questions).not.toMatch(/which provider/i);
    expect(questions).not.toMatch(/which roles exist/i);
    expect(questions).not.toMatch(/receive webhooks, send them/i);
    // Without the issue saying so, the provider question stays.
    const bare = await plan('# Checkout\nCustomers pay for orders by card; refunds and invoices.');
    expect(bare.openQuestions.join('\n')).toMatch(/which provider/i);
  });

  it('has no duplicate bullets and one timeout for calls to other systems', async () => {
    for (const p of [await plan(issue), await plan(issue, await mapOf(EXPRESS_REPO))]) {
      for (const list of bulletLists(p)) expect(new Set(list).size).toBe(list.length);
      const questions = bulletLists(p)[p.sections.length]!;
      expect(questions.filter((q) => /which roles exist/i.test(q)).length).toBeLessThanOrEqual(1);
      const timeouts = new Set(
        bulletLists(p)
          .flat()
          .filter((b) => /timeout/i.test(b) && /provider|third[- ]party|outbound/i.test(b) && !/statement_timeout|idle/i.test(b))
          .flatMap((b) => [.../(\d+)\s*s\b/.exec(b) ?? []].slice(1)),
      );
      expect(timeouts.size).toBeLessThanOrEqual(1);
    }
  });

  it('answers "make the signup button blue" in a few lines, not a backend plan', async () => {
    const p = await plan('Make the signup button blue');
    expect(p.sections).toEqual([]);
    expect(p.proposedDecisions).toEqual([]);
    expect(p.summary).toMatch(/not backend work/);
    expect(allText(p).length).toBeLessThan(1200);
    // Backend words keep the full plan.
    expect((await plan('Store the signup button colour per tenant in the database')).sections.length).toBeGreaterThan(0);
  });
});
