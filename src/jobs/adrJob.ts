import { renderAdrFile } from '../adr/renderAdrFile.js';
import { selectAgent } from '../agents/selectAgent.js';
import { codeBlock } from '../render/codeBlock.js';
import { renderFooter } from '../render/renderFooter.js';
import type { DispatchExtras } from './dispatchCommand.js';
import { gatherSubject } from './gatherSubject.js';
import type { JobContext, JobOutcome } from './JobContext.js';
import { upsertLivingComment } from './upsertLivingComment.js';

/** Drafts the ADR for `/agency:adr <title>` and shows it in the ADR comment. */
export async function adrJob(ctx: JobContext, extras: DispatchExtras): Promise<JobOutcome> {
  const { github, intent } = ctx;
  const subject = await gatherSubject(github, intent.target.number, intent.target.kind, ctx.config, ctx.botLogin, ctx.notices);
  const title = intent.args.trim() || subject.title;
  const { data, info } = await ctx.model.adr({ agent: selectAgent(ctx.agents, 'adr'), subject, title, decisions: extras.decisions });
  const text = renderAdrFile(data, {
    number: 0,
    status: 'proposed',
    date: new Date().toISOString().slice(0, 10),
    deciders: [intent.requester.login],
    links: intent.target.kind === 'issue' ? { issue: subject.url } : { pullRequest: subject.url },
  });
  const body = `## 📝 Decision record draft\n\n${codeBlock(text, 'markdown')}\n\n${renderFooter({ marker: extras.marker, info })}`;
  const comment = await upsertLivingComment(github, intent.target.number, extras.family, body, extras.existing);
  return { status: 'done', commentUrl: comment.url };
}
