import picomatch from 'picomatch';
import type { Finding } from '../domain/findingSchema.js';
import { astEvidence } from './ast/astEvidence.js';
import type { DiffFile } from './DiffFile.js';
import { detectSecrets } from './detectSecrets.js';
import { isCodeFile, isTestFile } from './isCodeFile.js';
import { isDownMigration, isMigration } from './isMigration.js';
import { frameworkMigrations } from './migrations/frameworkMigrations.js';
import { migrationSuggestion } from './migrationSuggestion.js';
import { runSquawk, type RunSquawkOptions, type SquawkInput } from './runSquawk.js';
import { sortFindings } from './sortFindings.js';

export interface CollectEvidenceOptions {
  /** The full file at the head commit; when given, migrations are linted whole (statements keep their context). */
  readFile?: (path: string) => Promise<string | undefined>;
  /** paths.ignore: no rules or squawk there (secrets are still scanned everywhere). */
  ignore?: readonly string[];
  squawk?: RunSquawkOptions;
}

/**
 * Deterministic findings for a diff: squawk on SQL migrations, secrets on every added line (ignored
 * files included: a key in a lockfile is still leaked), our AST rules on code. Deduplicated and sorted.
 */
export async function collectEvidence(
  files: readonly DiffFile[],
  opts: CollectEvidenceOptions = {},
): Promise<{ findings: Finding[]; notes: string[] }> {
  const ignored = opts.ignore && opts.ignore.length > 0 ? picomatch([...opts.ignore], { dot: true }) : () => false;
  const text = files.filter((f) => !f.binary && f.added.length > 0);
  const notes: string[] = [];

  const migrations = text.filter((f) => f.status !== 'removed' && /\.sql$/i.test(f.path) && isMigration(f.path) && !isDownMigration(f.path) && !ignored(f.path));
  const inputs = await Promise.all(migrations.map((f) => squawkInput(f, opts.readFile, notes)));
  // ORM and framework migrations, translated to the SQL they run: linted in the same squawk run.
  const orm = await frameworkMigrations(text, { ...(opts.readFile ? { readFile: opts.readFile } : {}), ignored });
  notes.push(...orm.notes);

  const [squawk, secrets, ruled] = await Promise.all([
    runSquawk([...inputs, ...orm.inputs], opts.squawk),
    detectSecrets(text.map((f) => ({ path: f.path, lines: f.added }))),
    // Our AST rules (rules/*.yml) on application code: not migrations, tests or ignored paths. squawk's
    // process is already running when runSquawk returns, so the secrets scan and the rules use the CPU meanwhile.
    astEvidence(text.filter((f) => isCodeFile(f.path) && !isMigration(f.path) && !isTestFile(f.path) && !ignored(f.path))),
  ]);
  notes.push(...squawk.notes);
  notes.push(...ruled.notes);
  const byPath = new Map(migrations.map((f) => [f.path, f]));
  const refined = orm.refine(squawk.findings);
  notes.push(...refined.notes);
  const squawkFindings = refined.findings.map((f) => migrationSuggestion(f, f.path === null ? undefined : byPath.get(f.path)));
  return { findings: sortFindings([...squawkFindings, ...orm.findings, ...secrets, ...ruled.findings]), notes };
}

/** The whole file when it can be read (reporting only on changed lines), else the added lines in order. */
async function squawkInput(file: DiffFile, readFile: CollectEvidenceOptions['readFile'], notes: string[]): Promise<SquawkInput> {
  const changedLines = new Set(file.added.map((l) => l.line));
  // A new file's added lines are the whole file: no need to fetch it.
  const whole = file.status === 'added' && file.added.length > 0;
  if (readFile && !whole) {
    try {
      const content = await readFile(file.path);
      if (content !== undefined) return { path: file.path, content, changedLines };
    } catch {
      // Fall through to the added lines.
    }
  }
  if (file.status !== 'added') notes.push(`squawk read only the added lines of ${file.path} (the full file was not available).`);
  return { path: file.path, content: file.added.map((l) => l.text).join('\n'), lines: file.added.map((l) => l.line), changedLines };
}
