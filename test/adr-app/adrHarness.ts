import type { ProbotOctokit } from 'probot';
import { loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import { parseConfig } from '../../src/config/parseConfig.js';
import { octokitGitHub } from '../../src/github/octokitGitHub.js';
import type { DispatchExtras, JobContext, JobOutcome } from '../../src/jobs/JobContext.js';
import type { GitHub } from '../../src/github/GitHub.js';
import { adrJob as planAdr } from '../../src/jobs/adrJob.js';
import { gitHubPublisher } from '../../src/publish/gitHubPublisher.js';
import { OfflineModel } from '../../src/model/offline/OfflineModel.js';
import type { Intent } from '../../src/triggers/Intent.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../support/fakeGitHub.js';
import { quietOctokit } from '../support-tests/quietOctokit.js';

export const OWNER = 'acme';
export const REPO = 'api';
export const LEAD = 'tech-lead';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

export async function startRepo(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const gh = await startFakeGitHub(options);
  gh.addRepo({ owner: OWNER, name: REPO });
  gh.setFile(OWNER, REPO, 'main', 'src/index.ts', 'export {};\n');
  return gh;
}

/** A JobContext for `/agency:adr <args>` on an issue, through the real port over @octokit/rest against the fake. */
export async function adrContext(gh: FakeGitHub, number: number, args: string, configYaml = '', extra: Partial<Intent> = {}): Promise<JobContext & { github: GitHub }> {
  const parsed = parseConfig(configYaml || undefined);
  if (!parsed.ok) throw new Error('bad test config');
  const github = octokitGitHub(quietOctokit(gh.url) as unknown as ProbotOctokit, OWNER, REPO, { botLogin: gh.botLogin });
  return {
    github,
    intent: {
      command: 'adr',
      args,
      target: { owner: OWNER, repo: REPO, number, kind: 'issue' },
      requester: { login: LEAD, type: 'User' },
      via: 'comment',
      event: 'issue_comment.created',
      ...extra,
    },
    config: parsed.config,
    notices: [],
    model: new OfflineModel(),
    agents: await loadBuiltinAgents(),
    botLogin: gh.botLogin,
    log: silent,
    repoUrl: `https://github.com/${OWNER}/${REPO}`,
  };
}

export const extras = { family: 'adr', marker: { family: 'adr' }, decisions: [] };

/** Paths of the files at a branch under a directory. */
export function filesAt(gh: FakeGitHub, ref: string, dir: string): string[] {
  const repo = gh.repo(OWNER, REPO);
  const commit = repo.git.resolveCommit(ref);
  if (!commit) return [];
  return [...repo.git.treeOf(commit).files.keys()].filter((p) => p.startsWith(`${dir}/`)).sort();
}

/** The ADR job as the pipeline runs it: its plan, carried out on the fake through the GitHub executor. */
export async function adrJob(ctx: JobContext & { github: GitHub }, dispatch: DispatchExtras): Promise<JobOutcome> {
  const { outcome, writes } = await planAdr(ctx, dispatch);
  await gitHubPublisher({ github: ctx.github, log: ctx.log, repoUrl: ctx.repoUrl })(writes);
  return outcome;
}
