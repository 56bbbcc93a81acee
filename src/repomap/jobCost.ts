import type { EngineInfo, JobCost } from '../domain/Model.js';
import type { RepoAccess } from './repoMapLoader.js';

/** The job's cost for the footer and the log: requests, tool use, and what the limits left unread. */
export function jobCost(info: EngineInfo, githubRequests: number, repo: RepoAccess | undefined): JobCost {
  const usage = repo?.tools?.usage();
  const notRead = [
    ...(info.cost?.notRead ?? []),
    ...(usage?.refused ?? []),
    ...(repo?.map.notRead.filter((n) => /budget/.test(n.reason)).map((n) => `${n.path} (${n.reason})`) ?? []),
  ];
  return {
    ...info.cost,
    githubRequests,
    ...(repo ? { mapRequests: repo.map.cost.requests } : {}),
    ...(usage ? { toolCalls: usage.calls, toolBytes: usage.bytes } : {}),
    notRead,
  };
}
