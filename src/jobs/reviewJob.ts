import picomatch from 'picomatch';
import { selectAgent } from '../agents/selectAgent.js';
import { composeReview } from '../core/composeReview.js';
import { findingFingerprint, hiddenFingerprint, readHiddenFingerprint } from '../core/findingFingerprint.js';
import { checkConclusion, reviewEvent } from '../core/reviewEvent.js';
import { selectInlineFindings } from '../core/selectInlineFindings.js';
import type { DiffFile } from '../evidence/DiffFile.js';
import { diffFileFromPatch } from '../evidence/parseUnifiedDiff.js';
import type { PullFile } from '../github/GitHub.js';
import { SEVERITIES, type Finding } from '../model/findingSchema.js';
import { encodeMarker } from '../render/marker.js';
import { renderFindingComment } from '../render/renderFindingComment.js';
import { safeOptions } from '../render/safeOptions.js';
import { safeText } from '../render/safeText.js';
import { renderReview } from '../render/renderReview.js';
import type { DispatchExtras } from './dispatchCommand.js';
import { gatherSubject } from './gatherSubject.js';
import type { JobContext, JobOutcome } from './JobContext.js';
import { upsertLivingComment } from './upsertLivingComment.js';
import { findLinkedPlan } from './findLinkedPlan.js';
import { againstPlan, changeOf, renderAgainstPlan } from '../core/againstPlan.js';
import { jobCost } from '../repomap/jobCost.js';
import { countingGitHub } from '../github/countingGitHub.js';
import { revealInvisible } from '../security/sanitizeUntrusted.js';
import { trojanSourceFinding } from '../security/trojanSourceFinding.js';

const GITHUB_MAX_FILES = 3000;
const MAX_POSTED_FINGERPRINTS = 300;

function toDiffFile(f: PullFile): DiffFile {
  const file = diffFileFromPatch(f.path, f.status, f.patch, { oldPath: f.previousPath });
  // GitHub omits `patch` for binary files and for diffs too large to show: keep its counts for coverage.
  return f.patch === undefined ? { ...file, additions: f.additions, deletions: f.deletions } : file;
}

/**
 * A backend review of a pull request at a pinned head sha: evidence, the model's judgment, inline
 * comments on valid lines only, a check run, and the living summary comment. On synchronize only
 * the commits since the last reviewed sha are read.
 */
export async function reviewJob(ctx: JobContext, extras: DispatchExtras): Promise<JobOutcome> {
  const counted = countingGitHub(ctx.github);
  const { github } = counted;
  const { intent, config } = ctx;
  const number = intent.target.number;
  if (intent.target.kind !== 'pull_request') {
    const body = `\`/agency:${intent.command}\` reviews pull requests. On an issue, use \`/agency:plan\` for an architecture plan.`;
    const comment = await upsertLivingComment(github, number, extras.family, `${body}\n\n${encodeMarker(extras.marker)}`, extras.existing);
    return { status: 'done', commentUrl: comment.url };
  }
  const pr = await github.pull(number);
  const headSha = intent.headSha ?? pr.headSha;
  const previousShas = extras.existing?.marker.shas ?? [];
  const lastSha = previousShas.at(-1);
  if (intent.via === 'pull_request' && lastSha === headSha) return { status: 'ignored', reason: `${headSha} already reviewed` };

  let files: PullFile[] | undefined;
  let incremental: { from: string; to: string } | { fullBecause: string } | undefined;
  let truncated = false;
  // Inline comments are checked against the pull request's own diff: that is what GitHub resolves them on.
  let pullPatches: Map<string, string> | undefined;
  if (intent.event === 'pull_request.synchronize' && lastSha) {
    const compared = await github.compare(lastSha, headSha);
    if (compared) {
      const pullList = await github.pullFiles(number, GITHUB_MAX_FILES);
      truncated = pullList.truncated;
      pullPatches = new Map(pullList.files.flatMap((f) => (f.patch === undefined ? [] : [[f.path, f.patch] as const])));
      // After a merge of the base branch, compare(last...head) also lists what the base branch changed:
      // only files of this pull request are reviewed.
      const inPull = new Set(pullList.files.map((f) => f.path));
      files = truncated ? compared : compared.filter((f) => inPull.has(f.path));
      incremental = { from: lastSha, to: headSha };
    } else {
      incremental = { fullBecause: `the last reviewed commit ${lastSha.slice(0, 7)} is no longer in the branch (force-push), so this is a full review` };
    }
  }
  if (!files) ({ files, truncated } = await github.pullFiles(number, GITHUB_MAX_FILES));

  if (intent.onlyIfBackendPaths) {
    const isBackend = picomatch(config.paths.backend, { dot: true });
    const isIgnored = picomatch(config.paths.ignore, { dot: true });
    if (!files.some((f) => isBackend(f.path) && !isIgnored(f.path))) return { status: 'ignored', reason: 'no backend paths changed' };
  }

  const subject = await gatherSubject(github, number, 'pull_request', config, ctx.botLogin, ctx.notices);
  // Code stays byte for byte, except invisible and bidirectional characters, shown as `[U+202E]` tokens
  // (to the model and in findings) so a trojan-source trick is seen instead of obeyed.
  const hiddenChars: Finding[] = [];
  const diffFiles = files.map((f) => {
    if (f.patch === undefined) return toDiffFile(f);
    const revealed = revealInvisible(f.patch);
    if (revealed.found.length > 0) hiddenChars.push(trojanSourceFinding(f.path, revealed.found));
    return toDiffFile({ ...f, patch: revealed.text });
  });
  const repo = await ctx.repoMap?.();
  const linkedPlan = await findLinkedPlan(github, pr, ctx.botLogin).catch(() => undefined);
  const result = await composeReview(ctx.model, {
    agent: selectAgent(ctx.agents, intent.command),
    focus: intent.command,
    subject,
    files: diffFiles,
    config,
    decisions: extras.decisions,
    // Whole migrations at the pinned sha, so squawk sees the file and not only the hunk.
    readFile: (path) => github.readFile(path, headSha),
    repoMap: repo?.map,
    repoTools: repo?.tools,
    linkedPlan,
  });
  result.info.cost = jobCost(result.info, counted.count() + (repo?.map.cost.requests ?? 0), repo);
  ctx.log.info({ ...result.info.cost, notRead: result.info.cost.notRead?.length ?? 0 }, 'review cost');
  if (result.info.usage) ctx.log.info({ ...result.info.usage, model: result.info.model }, 'model usage');
  if (linkedPlan) result.review.summary += `\n\n${renderAgainstPlan(againstPlan(linkedPlan, changeOf(diffFiles, subject)), (t) => t.replace(/\s+/g, ' '))}`;
  if (hiddenChars.length > 0) result.review.findings.push(...hiddenChars);
  const notReviewed = [...result.packed.notReviewed];
  if (truncated) notReviewed.push({ path: `(files after the first ${GITHUB_MAX_FILES})`, reason: 'GitHub lists at most 3,000 files of a pull request' });

  // Never repeat an inline comment already posted for the same line and finding.
  const posted = new Set(extras.existing?.marker.posted ?? []);
  // Our inline comments can only exist if a review ran before (it left the living comment).
  for (const c of extras.existing ? await github.reviewComments(number) : []) {
    if (c.author !== ctx.botLogin) continue;
    const fp = readHiddenFingerprint(c.body);
    if (fp) posted.add(fp);
  }
  const fresh = result.review.findings.filter((f) => !posted.has(findingFingerprint(f)));
  const patches = pullPatches ?? new Map(diffFiles.map((f) => [f.path, f.patch]));
  const { inline } = selectInlineFindings(fresh, patches, { enabled: config.review.inlineComments, max: config.review.maxInlineComments });

  const event = reviewEvent(result.review.findings, config);
  const opts = safeOptions({ repoUrl: ctx.repoUrl, requester: intent.requester.login, allowedLinks: config.allowedLinks });
  if (inline.length > 0 || event === 'REQUEST_CHANGES') {
    await github.createReview(number, {
      commitId: headSha,
      event,
      body: inline.length > 0 ? `${inline.length} inline finding(s); the summary is in the Agency Architect comment.` : 'Blocking findings: see the Agency Architect summary comment.',
      comments: inline.map((f) => ({
        path: f.path!,
        line: f.endLine ?? f.line!,
        startLine: f.endLine !== null && f.endLine !== f.line ? f.line! : undefined,
        body: `${renderFindingComment(f, opts)}\n\n${hiddenFingerprint(findingFingerprint(f))}`,
      })),
    });
    for (const f of inline) posted.add(findingFingerprint(f));
  }

  let checkUrl: string | undefined;
  if (config.review.checkRun) {
    const annotated = result.review.findings.filter((f): f is Finding & { path: string; line: number } => f.path !== null && f.line !== null);
    const check = await github.createCheckRun({
      name: 'Agency Architect',
      headSha,
      conclusion: checkConclusion(result.review.findings, config),
      title: `${result.review.findings.length} finding(s)`,
      // Rendered as Markdown on the checks page: the model's text is sanitised like every comment.
      summary: safeText(result.review.summary, opts),
      annotations: annotated.map((f) => ({
        path: f.path,
        startLine: f.line,
        endLine: f.endLine ?? f.line,
        level: f.severity === 'blocker' || f.severity === 'major' ? 'failure' : f.severity === 'minor' ? 'warning' : 'notice',
        title: `${f.severity}: ${f.title}`,
        message: f.body,
      })),
    });
    checkUrl = check.url;
  }

  const shas = [...previousShas.filter((s) => s !== headSha), headSha].slice(-20);
  const marker = { ...extras.marker, shas, posted: [...posted].slice(-MAX_POSTED_FINGERPRINTS) };
  const body = renderReview(result.review, {
    marker,
    info: result.info,
    repoUrl: ctx.repoUrl,
    allowedLinks: config.allowedLinks,
    requester: intent.requester.login,
    notices: [...ctx.notices, ...result.notes],
    coverage: result.packed.coverage,
    notReviewed,
    shas,
    incremental,
  });
  const comment = await upsertLivingComment(github, number, extras.family, body, extras.existing);
  return {
    status: 'done',
    commentUrl: comment.url,
    details: {
      findings: result.review.findings.length,
      // Per severity, for the Action's outputs and its fail-on gate.
      severities: Object.fromEntries(SEVERITIES.map((s) => [s, result.review.findings.filter((f) => f.severity === s).length])),
      inline: inline.length,
      checkUrl,
      engine: result.info.engine,
    },
  };
}
