import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../domain/findingSchema.js';
import { concurrentInTransaction } from './concurrentInTransaction.js';
import { findSquawkBinary } from './findSquawkBinary.js';
import { lintTheRest } from './lintTheRest.js';
import { CONCURRENT_INDEX_IN_TRANSACTION, squawkFindings, type SquawkTarget, type SquawkViolation } from './squawkFindings.js';

/** A SQL file to lint. `lines`/`changedLines` map an excerpt back to the diff (see SquawkTarget). */
export interface SquawkInput extends SquawkTarget {
  content: string;
}

export interface RunSquawkOptions {
  timeoutMs?: number;
  /** Override the binary (tests; a system install). Default: the squawk-cli platform package. */
  binaryPath?: string;
  /** Contents of the repository's `.squawk.toml` (excluded rules, pg_version...). Default: squawk's defaults. */
  config?: string;
  /**
   * Extra squawk runs, at most, to lint the rest of files holding a statement squawk cannot parse (one
   * process per round for all such files). Default 3; 0 turns the retry off.
   */
  maxRetries?: number;
}

const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

/**
 * Lints SQL migrations with squawk in one process, plus at most `maxRetries` more, within the same time
 * budget, for files holding a statement squawk cannot parse (see lintTheRest). Never throws: a missing binary, a timeout or a crash
 * yields no findings and a note saying so, because evidence must not take the review down with it.
 */
export async function runSquawk(
  files: readonly SquawkInput[],
  opts: RunSquawkOptions = {},
): Promise<{ findings: Finding[]; notes: string[] }> {
  if (files.length === 0) return { findings: [], notes: [] };
  const binary = opts.binaryPath ?? findSquawkBinary();
  if (!binary) return { findings: [], notes: ['squawk is not installed for this platform; SQL migrations were not linted.'] };

  let dir: string | undefined;
  try {
    // Written synchronously (a few small files), so the process is running when this call returns its
    // promise: the caller's CPU-bound work (secrets, AST rules) then overlaps squawk instead of waiting on it.
    dir = mkdtempSync(join(tmpdir(), 'agency-squawk-'));
    const names = files.map((f, i) => safeName(i, f.path));
    files.forEach((f, i) => writeFileSync(join(dir as string, names[i] as string), f.content));
    // An explicit config keeps squawk from picking up a stray .squawk.toml above the temp dir.
    writeFileSync(join(dir, 'squawk.toml'), opts.config ?? '');
    const flags = ['--reporter', 'json', '--config', 'squawk.toml', '--no-error-on-unmatched-pattern'];
    const started = Date.now();
    const run = await exec(binary, [...flags, ...names], dir, opts.timeoutMs ?? 30_000);
    if (run.timedOut) return { findings: [], notes: [`squawk timed out after ${opts.timeoutMs ?? 30_000} ms; SQL migrations were not linted.`] };
    const violations = parseReport(run.stdout);
    if (!violations) {
      const why = run.error ?? (run.stderr.trim().split('\n')[0] || `exit code ${run.code}`);
      return { findings: [], notes: [`squawk failed (${why.slice(0, 200)}); SQL migrations were not linted.`] };
    }
    const byName = new Map(names.map((name, i) => [name, files[i] as SquawkInput]));
    const key = (file: string): string => file.replace(/\\/g, '/').replace(/^\.\//, '');
    const { violations: all, leftOut } = await lintTheRest(
      violations.map((v) => ({ ...v, file: key(v.file) })),
      new Map(names.map((name, i) => [name, (files[i] as SquawkInput).content])),
      async (retry) => {
        for (const [name, content] of retry) writeFileSync(join(dir as string, name), content);
        // Retries share the one time budget: they never make squawk's share of a review longer.
        const left = (opts.timeoutMs ?? 30_000) - (Date.now() - started);
        if (left <= 0) return undefined;
        const again = await exec(binary, [...flags, ...retry.keys()], dir as string, left);
        return again.timedOut ? undefined : parseReport(again.stdout)?.map((v) => ({ ...v, file: key(v.file) }));
      },
      opts.maxRetries ?? 3,
    );
    return squawkFindings([...all, ...ownViolations(names, files)], (file) => byName.get(key(file)), leftOut);
  } catch (error) {
    return { findings: [], notes: [`squawk could not run (${(error as Error).message.slice(0, 200)}); SQL migrations were not linted.`] };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * `f<i>-<file name>` with every character outside [A-Za-z0-9._-] replaced: squawk reads its arguments as
 * glob patterns, and a path from a pull request must never leave the temp dir. One flat folder: no
 * directories to make and remove per migration (findings are mapped back by this name, not by path).
 */
function safeName(index: number, path: string): string {
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.' && s !== '..');
  // The end of a long name, which keeps its extension, within any file system's limit on a name.
  const name = (segments.at(-1) ?? 'migration.sql').replace(/[^A-Za-z0-9._-]/g, '_').slice(-200);
  return `f${index}-${name}`;
}

interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  error?: string;
}

/** execFile that resolves on every outcome: squawk exits 1 when it finds violations. */
function exec(binary: string, args: string[], cwd: string, timeout: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      // A clean environment: squawk needs none, and tokens in ours are none of its business.
      { cwd, timeout, maxBuffer: MAX_OUTPUT_BYTES, env: {}, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: number | string }) | null;
        resolve({
          code: typeof err?.code === 'number' ? err.code : err ? null : 0,
          stdout,
          stderr,
          timedOut: Boolean(err?.killed) && err?.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
          ...(err && typeof err.code !== 'number' ? { error: err.code ? String(err.code) : err.message } : {}),
        });
      },
    );
  });
}

/** What squawk does not report and Postgres refuses: concurrent index statements in a transaction (concurrentInTransaction). */
function ownViolations(names: readonly string[], files: readonly SquawkInput[]): SquawkViolation[] {
  return files.flatMap((f, i) =>
    concurrentInTransaction(f.content).map((c) => ({
      file: names[i] as string,
      line: c.line - 1,
      level: 'Error',
      message: `\`${c.statement}\` runs inside a transaction here, and Postgres refuses it there ("cannot run inside a transaction block"): the migration fails when it is deployed. Run it outside the transaction: in a migration of its own that the framework runs without one, or after \`COMMIT\` in a SQL file.`,
      rule_name: CONCURRENT_INDEX_IN_TRANSACTION,
    })),
  );
}

function parseReport(stdout: string): SquawkViolation[] | undefined {
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (!Array.isArray(parsed)) return undefined;
    return parsed
      .filter(
        (v): v is SquawkViolation =>
          typeof v === 'object' &&
          v !== null &&
          typeof v.file === 'string' &&
          typeof v.line === 'number' &&
          typeof v.rule_name === 'string' &&
          typeof v.message === 'string',
      )
      .map((v) => ({ ...v, level: typeof v.level === 'string' ? v.level : 'Warning' }));
  } catch {
    return undefined;
  }
}
