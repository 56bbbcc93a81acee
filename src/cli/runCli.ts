import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Config } from '../config/configSchema.js';
import { severityRank, type Severity } from '../domain/severity.js';
import type { Subject } from '../domain/Model.js';
import type { JobOutcome } from '../jobs/JobContext.js';
import { issueSubject } from './issueSubject.js';
import { parseCliArgs, USAGE, UsageError, type CliArgs } from './parseCliArgs.js';
import { lastCommentText } from '../publish/describeWrite.js';
import { withoutMarker } from '../domain/withoutMarker.js';
import type { Published } from '../domain/Write.js';
import type { LocalEventInput, LocalRun } from './runLocalEvent.js';

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

// The pipeline (agents, config, evidence engines, model) is imported where a command needs it, not
// here: `--help` and `--version` would otherwise load hundreds of modules first.

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
      // With --base the head is HEAD: whole files (migrations) are read from it, never from the working tree.
      const atHead = command.diff === undefined ? (path: string) => gitShow(`HEAD:${path}`, io.cwd) : undefined;
      return review(diff, command.failOn, args, io, 'the input is not a unified diff (expected `diff --git` or `---`/`+++`/`@@` lines)', atHead);
    }
    case 'adr':
      return adr(command.title, command.issue, command.dir, args, io);
    case 'demo':
      return demo(args, io);
    case 'rules': {
      const { listRules } = await import('./listRules.js');
      io.stdout(listRules(args.format));
      return 0;
    }
  }
}

/** Config checked up front: the CLI refuses a bad config (exit 2) where the App posts the error and uses defaults. */
async function checkConfig(args: CliArgs, io: CliIO): Promise<Config> {
  const configPath = args.config ? resolve(io.cwd, args.config) : join(io.cwd, '.github', 'agency.yml');
  let text: string | undefined;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    if (args.config) throw new CliError(`cannot read config ${args.config}: ${describeFsError(error)}`);
  }
  const [{ parseConfig }, { plainConfigError }, { loadAgentsDir }] = await Promise.all([
    import('../config/parseConfig.js'),
    import('../config/renderConfigError.js'),
    import('../agents/loadAgentsDir.js'),
  ]);
  const parsed = parseConfig(text, args.config ?? '.github/agency.yml');
  if (!parsed.ok) throw new CliError(plainConfigError(parsed.error));
  const repoAgents = await loadAgentsDir(join(io.cwd, '.agency', 'agents')).catch(() => ({ agents: [], errors: [] }));
  for (const e of repoAgents.errors) io.stderr(`agency: skipped agent: ${e.message}\n`);
  return parsed.config;
}

/** One command through the App's pipeline on the local checkout (see runLocalEvent). */
async function runLocal(
  args: CliArgs,
  io: CliIO,
  run: Pick<LocalEventInput, 'command' | 'args' | 'subject' | 'readAtHead' | 'adrDir'>,
): Promise<LocalRun & { config: Config }> {
  const config = await checkConfig(args, io);
  const [{ runLocalEvent }, { loadBuiltinAgents }] = await Promise.all([import('./runLocalEvent.js'), import('../agents/builtinAgents.js')]);
  const result = await runLocalEvent({
    ...run,
    cwd: io.cwd,
    builtinAgents: await loadBuiltinAgents(),
    configPath: args.config ? relative(io.cwd, resolve(io.cwd, args.config)).split('\\').join('/') : undefined,
    env: io.env,
    say: (line) => io.stderr(`agency: ${line}\n`),
  });
  if (result.outcome.status !== 'done') throw new CliError(`nothing was produced (${result.outcome.status}: ${result.outcome.reason})`);
  return { ...result, config };
}

/** The comment the app would post, as its reader sees it: without the hidden marker the app keeps its state in. */
function postedBody(published: readonly Published[]): string | undefined {
  const body = lastCommentText(published);
  return body === undefined ? undefined : withoutMarker(body);
}

function outcomeData<T>(outcome: JobOutcome): T {
  return (outcome.status === 'done' ? outcome.data : undefined) as T;
}

async function plan(subject: Subject, context: string | undefined, args: CliArgs, io: CliIO): Promise<number> {
  const { outcome, published } = await runLocal(args, io, { command: 'plan', args: context ?? '', subject: { title: subject.title, body: subject.body } });
  if (args.format === 'json') {
    const { plan, engine } = outcomeData<{ plan: unknown; engine: unknown }>(outcome);
    io.stdout(`${JSON.stringify({ kind: 'plan', plan, engine }, null, 2)}\n`);
  } else io.stdout(`${postedBody(published) ?? ''}\n`);
  return 0;
}

async function review(
  diffText: string,
  failOn: Severity | undefined,
  args: CliArgs,
  io: CliIO,
  notADiff: string,
  readAtHead?: (path: string) => Promise<string | undefined>,
): Promise<number> {
  const { parseUnifiedDiff } = await import('../evidence/parseUnifiedDiff.js');
  const files = parseUnifiedDiff(diffText);
  if (files.length === 0) throw new CliError(notADiff);
  const { outcome, published } = await runLocal(args, io, {
    command: 'review',
    args: '',
    subject: { title: 'Local diff', body: '', files },
    readAtHead,
  });
  const data = outcomeData<{ review: { findings: { severity: Severity }[] }; coverage: unknown; notReviewed: unknown; notes: unknown; engine: unknown }>(outcome);
  const inline = published.flatMap(({ write }) => (write.kind === 'review' ? write.comments : []));
  if (args.format === 'json') {
    io.stdout(
      `${JSON.stringify({ kind: 'review', review: data.review, coverage: data.coverage, notReviewed: data.notReviewed, inline, notes: data.notes, engine: data.engine }, null, 2)}\n`,
    );
  } else {
    const comments = inline.map((c) => `#### \`${c.path}:${c.line}\`\n\n${c.body}`);
    io.stdout(`${postedBody(published) ?? ''}\n\n---\n\n### Inline comments that would be posted (${inline.length})\n\n${comments.join('\n\n')}\n`);
  }
  if (failOn && data.review.findings.some((f) => severityRank(f.severity) <= severityRank(failOn))) {
    io.stderr(`agency: findings at or above "${failOn}": failing\n`);
    return 1;
  }
  return 0;
}

async function adr(title: string, issuePath: string | undefined, dir: string | undefined, args: CliArgs, io: CliIO): Promise<number> {
  const subject = issuePath ? issueSubject(await readInput(issuePath, io)) : { title, body: '' };
  const { outcome, published } = await runLocal(args, io, { command: 'adr', args: title, subject: { title: subject.title || title, body: subject.body }, adrDir: dir });
  const record = published.flatMap(({ result }) => (result.kind === 'adr' && result.result.kind === 'preview' ? [result.result] : [])).at(0);
  if (!record) throw new CliError(`no ADR was drafted: ${published.flatMap(({ result }) => (result.kind === 'shown' && result.body ? [result.body] : [])).at(-1)?.split('\n').find((l) => l.startsWith('- ')) ?? outcome.status}`);
  if (args.format === 'json') io.stdout(`${JSON.stringify({ kind: 'adr', path: record.path, adr: record.content }, null, 2)}\n`);
  else {
    io.stderr(`agency: would write ${record.path}\n`);
    io.stdout(record.content.endsWith('\n') ? record.content : `${record.content}\n`);
  }
  return 0;
}

async function demo(args: CliArgs, io: CliIO): Promise<number> {
  const examples = join(packageRoot, 'examples');
  const rule = '═'.repeat(78);
  const engine = io.env.ANTHROPIC_API_KEY ? 'Claude (ANTHROPIC_API_KEY is set)' : 'the offline engine (no keys, no network)';
  io.stdout(`${rule}\nagency demo: ${engine} on the bundled examples\n${rule}\n\n`);
  io.stdout(`▶ agency plan --issue examples/issue.md\n\n`);
  // The examples folder is the demo's repository: a plan for the example issue is not grounded in
  // whatever checkout the demo happens to run in (this project's own code, for a new user).
  const inExamples: CliIO = { ...io, cwd: examples };
  await plan(issueSubject(await readFile(join(examples, 'issue.md'), 'utf8')), undefined, args, inExamples);
  io.stdout(`\n${rule}\n▶ agency review --diff examples/pr.diff\n\n`);
  await review(await readFile(join(examples, 'pr.diff'), 'utf8'), undefined, args, inExamples, 'the bundled example is not a unified diff');
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

async function gitShow(spec: string, cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['show', spec], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch {
    // Absent at HEAD (a removed file): the patch is all there is.
    return undefined;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return code ?? 'unreadable';
}
