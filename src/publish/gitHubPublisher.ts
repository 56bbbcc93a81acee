import { adrCommitInput } from '../adr/adrCommitInput.js';
import { commitAdr } from '../adr/commitAdr.js';
import { ACTIONS_SETTING_HINT, describeAdrResult } from '../adr/describeAdrResult.js';
import { renderAdrLog } from '../adr/renderAdrLog.js';
import type { JobLog } from '../domain/JobLog.js';
import type { CommentWrite, Publish, Published, Write, WriteResult } from '../domain/Write.js';
import { findLivingComment } from '../github/findLivingComment.js';
import type { GitHub } from '../github/GitHub.js';
import { isPermissionDenied } from '../github/isPermissionDenied.js';
import { classifyGitHubError } from '../github/classifyGitHubError.js';
import { insertNotices } from '../render/insertNotices.js';
import { adrLines } from './adrLines.js';

export interface GitHubPublisherOptions {
  /** The guarded port of the event: every write redacted, scoped and recorded in its ledger. */
  github: GitHub;
  /** The repository's web URL (links in ADR results). */
  repoUrl: string;
  log: JobLog;
  /**
   * A 403 on a write the plan cannot go without. The Action turns it into its read-only fallback; by
   * default the error propagates and the failure notice tells what was published.
   */
  onForbidden?: (write: Write, error: unknown) => unknown;
}

/**
 * Carries a plan out on GitHub, in order. Writes the plan can go without (a check run, a dismissal) become
 * a note in the plan's comment when GitHub refuses them; a best-effort write that fails is logged and the
 * ones after it that are best-effort too are skipped; any other failure stops the plan and propagates,
 * and the port's ledger says what was published before it.
 */
export function gitHubPublisher(options: GitHubPublisherOptions): Publish {
  const { github, log } = options;
  const upsert = async (write: Pick<CommentWrite, 'number' | 'family' | 'commentId'>, body: string): Promise<WriteResult> => {
    const id = write.commentId ?? (await findLivingComment(github, write.number, write.family))?.comment.id;
    const comment = id !== undefined ? await github.updateComment(id, body) : await github.createComment(write.number, body);
    return { kind: 'written', id: comment.id, url: comment.url };
  };
  const refusable = async (run: () => Promise<WriteResult>, note: string): Promise<WriteResult> => {
    try {
      return await run();
    } catch (error) {
      if (!isPermissionDenied(error)) throw error;
      return { kind: 'refused', note };
    }
  };

  const execute = async (write: Write, done: readonly Published[]): Promise<WriteResult> => {
    switch (write.kind) {
      case 'reaction':
        await github.reactToComment(write.commentId, write.content);
        return { kind: 'written' };
      case 'comment': {
        const notes = write.withRefusals ? [...new Set(done.flatMap((p) => (p.result.kind === 'refused' ? [p.result.note] : [])))] : [];
        return upsert(write, insertNotices(write.body, notes));
      }
      case 'review': {
        const review = await github.createReview(write.number, { commitId: write.commitId, event: write.event, body: write.body, comments: write.comments });
        return { kind: 'written', id: review.id, url: review.url };
      }
      case 'dismiss-review':
        return refusable(async () => {
          await github.dismissReview(write.number, write.reviewId, write.message);
          return { kind: 'written', id: write.reviewId };
        }, write.ifRefused);
      case 'check-run':
        return refusable(async () => {
          const check = await github.createCheckRun(write.check);
          return { kind: 'written', id: check.id, url: check.url };
        }, write.ifRefused);
      case 'adr': {
        const result = await commitAdr(adrCommitInput(github, write, options.repoUrl));
        log.info({ kind: result.kind, title: write.title }, 'adr recorded');
        if (result.kind === 'branch') {
          log.error({ branch: result.branch }, `ADR-${String(result.number).padStart(4, '0')} is on \`${result.branch}\` but its pull request was not opened: ${ACTIONS_SETTING_HINT}`);
        }
        return { kind: 'adr', result };
      }
      case 'adr-log':
        return upsert(write, renderAdrLog(write, adrLines(done, describeAdrResult)));
    }
  };

  return async (writes) => {
    const published: Published[] = [];
    let bestEffortFailed = false;
    for (const write of writes) {
      const bestEffort = 'bestEffort' in write && write.bestEffort === true;
      if (bestEffort && bestEffortFailed) {
        published.push({ write, result: { kind: 'skipped', reason: 'an earlier best-effort write failed' } });
        continue;
      }
      try {
        published.push({ write, result: await execute(write, published) });
      } catch (error) {
        if (bestEffort) {
          // Reactions are their own plan; the ADRs `adr.auto` records after a plan are one chain.
          if (write.kind !== 'reaction') bestEffortFailed = true;
          log.warn({ write: write.kind, err: (error as Error).message }, `${write.kind === 'reaction' ? 'reaction' : 'best-effort write'} failed`);
          published.push({ write, result: { kind: 'skipped', reason: (error as Error).message } });
          continue;
        }
        if (options.onForbidden && classifyGitHubError(error) === 'forbidden') throw options.onForbidden(write, error);
        throw error;
      }
    }
    return published;
  };
}
