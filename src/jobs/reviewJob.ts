import picomatch from 'picomatch';
import { selectAgent } from '../agents/selectAgent.js';
import { checkAnnotations } from '../core/checkAnnotations.js';
import { composeReview } from '../core/composeReview.js';
import { boundOpenFindings, openToFinding, readOpenFindings, toOpenFinding, writeOpenFindings, type OpenFinding } from '../core/openFindings.js';
import { findingFingerprint, readHiddenFingerprint } from '../domain/findingFingerprint.js';
import { checkConclusion, reviewEvent } from '../core/reviewEvent.js';
import { selectInlineFindings } from '../core/selectInlineFindings.js';
import type { DiffFile } from '../evidence/DiffFile.js';
import { diffFileFromPatch } from '../evidence/parseUnifiedDiff.js';
import type { PullData, PullFile, ReadGitHub } from '../github/GitHub.js';
import type { Write } from '../domain/Write.js';
import { hunksOf, newSideLines } from '../evidence/parseHunks.js';
import { SEVERITIES, type Finding } from '../domain/findingSchema.js';
import { encodeMarker } from '../domain/marker.js';
import { safeOptions } from '../render/safeOptions.js';
import { safeText } from '../render/safeText.js';
import { renderReview } from '../render/renderReview.js';
import { carryForward } from './carryForward.js';
import { checkRunWrite, reviewWrite } from './reviewWrites.js';
import { GITHUB_MAX_FILES, reviewFiles, type ReviewFiles } from './reviewFiles.js';
import type { DispatchExtras } from './JobContext.js';
import { gatherSubject } from './gatherSubject.js';
import type { JobContext, JobPlan } from './JobContext.js';
import { findLinkedPlan } from './findLinkedPlan.js';
import { againstPlan, changeOf, renderAgainstPlan } from '../core/againstPlan.js';
import { jobCost } from '../repomap/jobCost.js';
import { countingGitHub } from '../github/countingGitHub.js';
import { revealInvisible } from '../security/sanitizeUntrusted.js';
import { trojanSourceFinding } from '../security/trojanSourceFinding.js';

const MAX_POSTED_FINGERPRINTS = 300;

function toDiffFile(f: PullFile): DiffFile {
  const file = diffFileFromPatch(f.path, f.status, f.patch, { oldPath: f.previousPath, hunks: f.hunks });
  // GitHub omits `patch` for binary files and for diffs too large to show: keep its counts for coverage.
  return f.patch === undefined ? { ...file, additions: f.additions, deletions: f.deletions } : file;
}

/**
 * A backend review of a pull request at a pinned head sha: evidence, the model's judgment, inline
 * comments on valid lines only, a check run, and the living summary comment. On synchronize only
 * the commits since the last reviewed sha are read.
 */
export async function reviewJob(ctx: JobContext, extras: DispatchExtras): Promise<JobPlan> {
  const counted = countingGitHub(ctx.github);
  const { github } = counted;
  const { intent, config } = ctx;
  const number = intent.target.number;
  const pinned = await pinHead(ctx, extras, github);
  if ('skip' in pinned) return pinned.skip;
  const { pr, headSha, previousShas, lastSha } = pinned;

  const { files, truncated, incremental, pullPatches, carry, pullPaths } = await reviewFiles(github, number, intent.event, lastSha, headSha);
  // Check-run annotations may only name files of the pull request (422 otherwise).
  const prPaths = pullPaths ?? new Set(files.map((f) => f.path));

  if (intent.onlyIfBackendPaths) {
    const isBackend = picomatch(config.paths.backend, { dot: true });
    const isIgnored = picomatch(config.paths.ignore, { dot: true });
    if (!files.some((f) => isBackend(f.path) && !isIgnored(f.path))) return { outcome: { status: 'ignored', reason: 'no backend paths changed' }, writes: [] };
  }

  const judged = await judgePullRequest(ctx, extras, { github, count: counted.count, pr, headSha, files, carry });
  const { result, diffFiles, found, stillOpen, allFindings } = judged;
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
  const fresh = found.filter((f) => !posted.has(findingFingerprint(f)));
  const patches = pullPatches ?? new Map(diffFiles.map((f) => [f.path, f]));
  const { inline } = selectInlineFindings(fresh, patches, { enabled: config.review.inlineComments, max: config.review.maxInlineComments });

  const event = reviewEvent(found, config);
  const opts = safeOptions({ repoUrl: ctx.repoUrl, requester: intent.requester.login, allowedLinks: config.allowedLinks });
  const writes: Write[] = [];
  if (inline.length > 0 || event === 'REQUEST_CHANGES') {
    writes.push(reviewWrite(number, headSha, event, inline, opts));
    for (const f of inline) posted.add(findingFingerprint(f));
  }

  const notices = [...ctx.notices, ...result.notes];
  // A blocking review of ours stays in force until dismissed (a later COMMENT review does not clear it).
  let blocking = event === 'REQUEST_CHANGES' || extras.existing?.marker.blocking === true;
  if (extras.existing && (extras.existing.marker.blocking || config.review.requestChanges) && !allFindings.some((f) => f.severity === 'blocker')) {
    const stale = await staleBlocks(github, number, ctx.botLogin, headSha);
    writes.push(...stale);
    // Still blocking until GitHub confirms the dismissal: the next run looks again (one read) and clears it.
    blocking = stale.length > 0;
  }

  if (config.review.checkRun) writes.push(checkRunWrite(headSha, checkAnnotations(allFindings, prPaths), checkConclusion(allFindings, config), allFindings.length, safeText(result.review.summary, opts)));

  const shas = [...previousShas.filter((s) => s !== headSha), headSha].slice(-20);
  const lineText = lineTexts(judged.files);
  // Only findings on files of the pull request can be checked again later.
  const open = boundOpenFindings([
    ...found.filter((f) => f.path !== null && prPaths.has(f.path)).map((f) => toOpenFinding(f, headSha, lineText(f))).filter((o): o is OpenFinding => o !== undefined),
    ...stillOpen,
  ]);
  const marker = { ...extras.marker, shas, posted: [...posted].slice(-MAX_POSTED_FINGERPRINTS), open: writeOpenFindings(open), blocking };
  const body = renderReview({ ...result.review, findings: allFindings }, {
    marker,
    info: result.info,
    repoUrl: ctx.repoUrl,
    allowedLinks: config.allowedLinks,
    requester: intent.requester.login,
    notices,
    coverage: result.packed.coverage,
    notReviewed,
    shas,
    incremental,
  });
  writes.push({ kind: 'comment', number, family: extras.family, body, commentId: extras.existing?.comment.id, withRefusals: true });
  return {
    outcome: {
      status: 'done',
      details: {
        findings: allFindings.length,
        // Per severity, for the Action's outputs and its fail-on gate: every finding still in the PR.
        severities: Object.fromEntries(SEVERITIES.map((s) => [s, allFindings.filter((f) => f.severity === s).length])),
        carried: stillOpen.length,
        inline: inline.length,
        engine: result.info.engine,
      },
      data: { review: result.review, coverage: result.packed.coverage, notReviewed, notes: result.notes, engine: result.info },
    },
    writes,
  };
}

/** The head sha this review judges, or why there is nothing to review (not a pull request, already reviewed, stale event). */
async function pinHead(ctx: JobContext, extras: DispatchExtras, github: ReadGitHub): Promise<{ skip: JobPlan } | { pr: PullData; headSha: string; previousShas: string[]; lastSha?: string }> {
  const { intent } = ctx;
  const number = intent.target.number;
  if (intent.target.kind !== 'pull_request') {
    const body = `\`/agency:${intent.command}\` reviews pull requests. On an issue, use \`/agency:plan\` for an architecture plan.`;
    return {
      skip: {
      outcome: { status: 'done' },
      writes: [{ kind: 'comment', number, family: extras.family, body: `${body}\n\n${encodeMarker(extras.marker)}`, commentId: extras.existing?.comment.id }],
    },
    };
  }
  const pr = await github.pull(number);
  const headSha = intent.headSha ?? pr.headSha;
  const previousShas = extras.existing?.marker.shas ?? [];
  const lastSha = previousShas.at(-1);
  if (intent.via === 'pull_request' && lastSha === headSha) return { skip: { outcome: { status: 'ignored', reason: `${headSha} already reviewed` }, writes: [] } };
  if (intent.via === 'pull_request') {
    // The file lists below are the PR's as of now: reviewing them under an older event's sha would mix two
    // commits (and place comments on the wrong diff). A newer push brings its own synchronize event.
    const current = await github.getPullHead(number);
    if (current !== headSha) {
      ctx.log.info({ event: intent.event, eventSha: headSha, headSha: current }, 'stale event skipped: the pull request has a newer head');
      return { skip: { outcome: { status: 'ignored', reason: `stale event: the head moved from ${headSha.slice(0, 7)} to ${current.slice(0, 7)}; the newer push is reviewed by its own event` }, writes: [] } };
    }
  }

  return { pr, headSha, previousShas, lastSha };
}

/**
 * Evidence and the model's judgment on the files, with the trojan-source findings and the findings of
 * earlier reviews whose lines are still at the head (which count for the verdict, the check and the counts).
 */
async function judgePullRequest(
  ctx: JobContext,
  extras: DispatchExtras,
  input: { github: ReadGitHub; count: () => number; pr: PullData; headSha: string; files: PullFile[]; carry?: ReviewFiles['carry'] },
) {
  const { github, pr, headSha, files, carry } = input;
  const { intent, config } = ctx;
  const number = intent.target.number;
  const subject = await gatherSubject(github, number, 'pull_request', config, ctx.botLogin, ctx.notices);
  // Code stays byte for byte, except invisible and bidirectional characters, shown as `[U+202E]` tokens
  // (to the model and in findings) so a trojan-source trick is seen instead of obeyed.
  const hiddenChars: Finding[] = [];
  // Each patch is parsed once, here (or by the port that read it: the CLI's diff), and the raw files keep
  // their hunks for the steps after the judgment; a patch with revealed characters is parsed as revealed.
  const parsed: PullFile[] = [];
  const diffFiles = files.map((f) => {
    if (f.patch === undefined) {
      parsed.push(f);
      return toDiffFile(f);
    }
    const revealed = revealInvisible(f.patch);
    if (revealed.found.length === 0) {
      const file = toDiffFile(f);
      parsed.push({ ...f, hunks: file.hunks });
      return file;
    }
    hiddenChars.push(trojanSourceFinding(f.path, revealed.found));
    parsed.push({ ...f, hunks: undefined });
    return toDiffFile({ ...f, patch: revealed.text, hunks: undefined });
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
  result.info.cost = jobCost(result.info, input.count() + (repo?.map.cost.requests ?? 0), repo);
  ctx.log.info({ ...result.info.cost, notRead: result.info.cost.notRead?.length ?? 0 }, 'review cost');
  if (result.info.usage) ctx.log.info({ ...result.info.usage, model: result.info.model }, 'model usage');
  if (linkedPlan) result.review.summary += `\n\n${renderAgainstPlan(againstPlan(linkedPlan, changeOf(diffFiles, subject)), (t) => t.replace(/\s+/g, ' '))}`;
  if (hiddenChars.length > 0) result.review.findings.push(...hiddenChars);
  const found = result.review.findings;
  // Earlier findings whose lines are still at the head count for the verdict, the check and the counts.
  const carried = carry
    ? await carryForward(readOpenFindings(extras.existing?.marker.open), { ...carry, readAtHead: (path) => github.readFile(path, headSha) })
    : [];
  const foundKeys = new Set(found.map(findingFingerprint));
  const stillOpen = carried.filter((o) => !foundKeys.has(findingFingerprint(openToFinding(o))));
  const allFindings = [...found, ...stillOpen.map(openToFinding)];
  return { result, diffFiles, files: parsed, found, stillOpen, allFindings };
}

/**
 * The text of a finding's line as the reviewed patch shows it (raw, as the file has it), if it does. Each
 * patch's lines are indexed once, on its first finding: hundreds of findings in one file are hundreds of
 * look-ups; its hunks are read as parsed, or parsed from the patch when they are not.
 */
function lineTexts(files: PullFile[]): (f: Finding) => string | undefined {
  const patches = new Map<string, PullFile>();
  for (const file of files) if (!patches.has(file.path)) patches.set(file.path, file);
  const byPath = new Map<string, Map<number, string> | undefined>();
  return (f) => {
    if (f.path === null || f.line === null) return undefined;
    if (!byPath.has(f.path)) {
      const file = patches.get(f.path);
      const patch = file?.patch;
      const lines = new Map<number, string>();
      // The first line with a number wins, as a search from the top would find it.
      if (patch !== undefined) for (const l of newSideLines(hunksOf({ patch, hunks: file?.hunks }))) if (!lines.has(l.line)) lines.set(l.line, l.text);
      byPath.set(f.path, patch === undefined ? undefined : lines);
    }
    return byPath.get(f.path)?.get(f.line);
  };
}

/** Dismissals of this app's reviews that still request changes; a refusal (403) becomes a note. */
async function staleBlocks(github: ReadGitHub, number: number, botLogin: string, headSha: string): Promise<Write[]> {
  const stale = (await github.listReviews(number)).filter((r) => r.author === botLogin && r.state === 'CHANGES_REQUESTED');
  return stale.map((review) => ({
    kind: 'dismiss-review',
    number,
    reviewId: review.id,
    message: `Agency Architect: no blocking finding is left at ${headSha.slice(0, 7)}.`,
    ifRefused: 'An earlier "changes requested" review of Agency Architect could not be dismissed (403): dismiss it by hand.',
  }));
}
