import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { adrFileName, nextAdrNumber } from '../adr/adrFileName.js';
import { renderAdrFile } from '../adr/renderAdrFile.js';
import { loadBuiltinAgents } from '../agents/builtinAgents.js';
import { loadAgentsDir } from '../agents/loadAgentsDir.js';
import { mergeAgents } from '../agents/mergeAgents.js';
import { selectAgent } from '../agents/selectAgent.js';
import type { Config } from '../config/configSchema.js';
import { parseConfig } from '../config/parseConfig.js';
import { plainConfigError } from '../config/renderConfigError.js';
import { composePlan } from '../core/composePlan.js';
import { composeReview } from '../core/composeReview.js';
import { selectInlineFindings } from '../core/selectInlineFindings.js';
import { parseUnifiedDiff } from '../evidence/parseUnifiedDiff.js';
import { severityRank, type Severity } from '../model/findingSchema.js';
import { createModel } from '../model/createModel.js';
import type { Subject } from '../model/Model.js';
import { renderFindingComment } from '../render/renderFindingComment.js';
import { renderPlan } from '../render/renderPlan.js';
import { renderReview } from '../render/renderReview.js';
import { issueSubject } from './issueSubject.js';
import { parseCliArgs, USAGE, UsageError, type CliArgs } from './parseCliArgs.js';
import { listRules } from './listRules.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  readStdin: () => Promise<string>;
}

/** Thrown for problems the user can fix (missing file, bad config); printed without a stack. */
class CliError extends Error {}

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The `agency` command: returns the exit code (0 ok, 1 findings at --fail-on, 2 usage or input error). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`agency: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await dispatch(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`agency: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function dispatch(args: CliArgs, io: CliIO): Promise<number> {
  const { command } = args;
  switch (command.kind) {
    case 'help':
      io.stdout(`${USAGE}\n`);
      return 0;
    case 'version': {
      const pkg = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
      io.stdout(`${pkg.version}\n`);
      return 0;
    }
    case 'plan': {
      const text = await readInput(command.issue, io);
      return plan(issueSubject(text), command.context, args, io);
    }
    case 'review': {
      const diff = command.diff !== undefined ? await readInput(command.diff, io) : await gitDiff(command.base!, io.cwd);
      if (diff.trim() === '') {
        // Nothing changed is a pass, not an error: a CI gate on an empty diff must not fail.
        io.stderr(`agency: nothing to review (${command.diff !== undefined ? 'the diff is empty' : `no changes in git diff ${command.base!}...HEAD`})\n`);
        return 0;
      }
      return review(diff, command.failOn, args, io, 'the input is not a unified diff (expected `diff --git` or `---`/`+++`/`@@` lines)');
    }
    case 'adr':
      return adr(command.title, command.issue, command.dir, args, io);
    case 'demo':
      return demo(args, io);
    case 'rules':
      io.stdout(listRules(args.format));
      return 0;
  }
}

async function loadContext(args: CliArgs, io: CliIO) {
  const configPath = args.config ? resolve(io.cwd, args.config) : join(io.cwd, '.github', 'agency.yml');
  let text: string | undefined;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    if (args.config) throw new CliError(`cannot read config ${args.config}: ${describeFsError(error)}`);
  }
  const parsed = parseConfig(text, args.config ?? '.github/agency.yml');
  if (!parsed.ok) throw new CliError(plainConfigError(parsed.error));
  const config: Config = parsed.config;
  const repoAgents = await loadAgentsDir(join(io.cwd, '.agency', 'agents')).catch(() => ({ agents: [], errors: [] }));
  for (const e of repoAgents.errors) io.stderr(`agency: skipped agent: ${e.message}\n`);
  const agents = mergeAgents(await loadBuiltinAgents(), repoAgents.agents);
  const model = createModel({ apiKey: io.env.ANTHROPIC_API_KEY, baseURL: io.env.ANTHROPIC_BASE_URL }, config, (message) =>
    io.stderr(`agency: ${message}\n`),
  );
  return { config, agents, model };
}

async function plan(subject: Subject, context: string | undefined, args: CliArgs, io: CliIO): Promise<number> {
  const { agents, model } = await loadContext(args, io);
  const { plan, info } = await composePlan(model, {
    agent: selectAgent(agents, 'plan'),
    focus: 'plan',
    subject,
    context,
    decisions: [],
  });
  if (args.format === 'json') io.stdout(`${JSON.stringify({ kind: 'plan', plan, engine: info }, null, 2)}\n`);
  else io.stdout(`${renderPlan(plan, { marker: { family: 'plan' }, info })}\n`);
  return 0;
}

async function review(
  diffText: string,
  failOn: Severity | undefined,
  args: CliArgs,
  io: CliIO,
  notADiff: string,
): Promise<number> {
  const { config, agents, model } = await loadContext(args, io);
  const files = parseUnifiedDiff(diffText);
  if (files.length === 0) throw new CliError(notADiff);
  const subject: Subject = { kind: 'pull_request', title: 'Local diff', body: '', comments: [] };
  const result = await composeReview(model, {
    agent: selectAgent(agents, 'review'),
    focus: 'review',
    subject,
    files,
    config,
    decisions: [],
  });
  const patches = new Map(files.map((f) => [f.path, f.patch]));
  const { inline } = selectInlineFindings(result.review.findings, patches, {
    enabled: config.review.inlineComments,
    max: config.review.maxInlineComments,
  });
  if (args.format === 'json') {
    io.stdout(
      `${JSON.stringify({ kind: 'review', review: result.review, coverage: result.packed.coverage, notReviewed: result.packed.notReviewed, inline, notes: result.notes, engine: result.info }, null, 2)}\n`,
    );
  } else {
    const summary = renderReview(result.review, {
      marker: { family: 'review' },
      info: result.info,
      coverage: result.packed.coverage,
      notReviewed: result.packed.notReviewed,
      notices: result.notes,
    });
    const comments = inline.map((f) => `#### \`${f.path}:${f.line}\`\n\n${renderFindingComment(f)}`);
    io.stdout(`${summary}\n\n---\n\n### Inline comments that would be posted (${inline.length})\n\n${comments.join('\n\n')}\n`);
  }
  if (failOn && result.review.findings.some((f) => severityRank(f.severity) <= severityRank(failOn))) {
    io.stderr(`agency: findings at or above "${failOn}": failing\n`);
    return 1;
  }
  return 0;
}

async function adr(title: string, issuePath: string | undefined, dir: string | undefined, args: CliArgs, io: CliIO): Promise<number> {
  const { config, agents, model } = await loadContext(args, io);
  const adrDir = dir ?? config.adr.dir;
  const subject = issuePath ? issueSubject(await readInput(issuePath, io)) : { kind: 'issue' as const, title, body: '', comments: [] };
  const existing = await readdir(resolve(io.cwd, adrDir)).catch(() => [] as string[]);
  const number = nextAdrNumber(existing);
  const { data, info } = await model.adr({ agent: selectAgent(agents, 'adr'), subject, title, decisions: [] });
  const path = `${adrDir.replace(/\/+$/, '')}/${adrFileName(number, title)}`;
  const text = renderAdrFile(data, {
    number,
    status: 'proposed',
    date: new Date().toISOString().slice(0, 10),
    deciders: [],
    links: {},
  });
  if (args.format === 'json') io.stdout(`${JSON.stringify({ kind: 'adr', path, adr: data, engine: info }, null, 2)}\n`);
  else {
    io.stderr(`agency: would write ${path}\n`);
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }
  return 0;
}

async function demo(args: CliArgs, io: CliIO): Promise<number> {
  const examples = join(packageRoot, 'examples');
  const rule = '═'.repeat(78);
  const engine = io.env.ANTHROPIC_API_KEY ? 'Claude (ANTHROPIC_API_KEY is set)' : 'the offline engine (no keys, no network)';
  io.stdout(`${rule}\nagency demo: ${engine} on the bundled examples\n${rule}\n\n`);
  io.stdout(`▶ agency plan --issue examples/issue.md\n\n`);
  await plan(issueSubject(await readFile(join(examples, 'issue.md'), 'utf8')), undefined, args, io);
  io.stdout(`\n${rule}\n▶ agency review --diff examples/pr.diff\n\n`);
  await review(await readFile(join(examples, 'pr.diff'), 'utf8'), undefined, args, io, 'the bundled example is not a unified diff');
  io.stdout(`\n${rule}\nThis is what the app posts on an issue labeled "backend" and on a backend pull request.\n`);
  return 0;
}

async function readInput(path: string, io: CliIO): Promise<string> {
  if (path === '-') return io.readStdin();
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${describeFsError(error)}`);
  }
}

async function gitDiff(base: string, cwd: string): Promise<string> {
  if (base.startsWith('-')) throw new CliError(`--base must be a git ref (got "${base}")`);
  try {
    const { stdout } = await promisify(execFile)('git', ['diff', '--no-color', '--no-ext-diff', `${base}...HEAD`], {
      cwd,
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new CliError(`git diff ${base}...HEAD failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return code ?? 'unreadable';
}
