import { ADR_BRANCH_PREFIX } from '../adr/adrPaths.js';
import type { CommentData, GitHub } from '../github/GitHub.js';
import type { JobLog } from '../domain/JobLog.js';
import { redactDeep, type Redact } from './redactor.js';
import { SecurityError } from './SecurityError.js';
import { writeSubject, type WriteLedger } from './writeLedger.js';

/** What one event may write: decided from the event (never from the model). */
export interface WriteScope {
  /** The triggering issue or pull request. */
  number: number;
  /** The triggering comment (reactions only). */
  triggerCommentId?: number;
  /** The app's login: comments it may edit are the ones this login wrote. */
  botLogin: string;
  /** Filled with the ids of comments this login wrote, as they are read: shared with the plan check (checkWritePlan). */
  botComments?: Set<number>;
  /** ADR writes: the directories (configured, found), and whether commits may go to the default branch. */
  adr?: { dirs: string[]; mode: 'pr' | 'direct'; defaultBranch?: string | (() => Promise<string>) };
  log?: JobLog;
  redact: Redact;
  /** Every write that went through, and every one refused, so a failure notice can tell what was published. */
  ledger?: WriteLedger;
  /** Aborted when the job is abandoned (shutdown): every write after that is refused, so nothing lands late. */
  signal?: AbortSignal;
}

const READ = /^(botLogin|defaultBranch|readFile|listDir|permission|issue|comments|pull|pullFiles|compare|reviewComments|list\w*|get\w*|find\w*|read\w*|search\w*|has\w*|is\w*)$/;
const NUMBER_KEYS = new Set(['number', 'issueNumber', 'pullNumber', 'issue_number', 'pull_number']);
const REF_KEYS = new Set(['branch', 'ref', 'head', 'headRef', 'headBranch', 'base', 'baseRef', 'baseBranch', 'target']);
const PATH_KEYS = new Set(['path', 'paths', 'previousPath', 'filePath']);

/**
 * The GitHub port, guarded for one event. Every text written is redacted (token shapes and the app's own
 * keys); writes go only to the triggering issue or pull request, comment edits only to comments this bot
 * wrote, reactions only to the triggering comment, and git writes only to `agency/adr-*` branches (or the
 * default branch in ADR direct mode) and paths inside the ADR directory. Anything else throws a
 * SecurityError, logged. A Proxy, so methods added to the port later are guarded by the same rules:
 * a method is a write unless its name reads like a read.
 */
export function guardGitHub<T extends GitHub>(inner: T, scope: WriteScope): T {
  const botComments = scope.botComments ?? new Set<number>();
  const remember = (c: CommentData) => {
    if (c.author === scope.botLogin) botComments.add(c.id);
  };
  const deny = (operation: string, why: string): never => {
    scope.log?.error({ operation, why }, `security: write refused: ${why}`);
    throw new SecurityError(`refused ${operation}: ${why}`, operation);
  };
  const checkNumber = (operation: string, n: unknown) => {
    if (n !== scope.number) deny(operation, `issue or pull request #${String(n)} is not the triggering #${scope.number}`);
  };

  const specific: Record<string, (args: unknown[]) => void> = {
    createComment: ([n]) => checkNumber('createComment', n),
    createReview: ([n]) => checkNumber('createReview', n),
    updateComment: ([id]) => {
      if (typeof id !== 'number' || !botComments.has(id)) deny('updateComment', `comment ${String(id)} was not written by ${scope.botLogin}`);
    },
    reactToComment: ([id]) => {
      if (id !== scope.triggerCommentId) deny('reactToComment', `comment ${String(id)} is not the triggering comment`);
    },
    createCheckRun: () => undefined,
  };

  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (READ.test(property)) {
        if (property === 'comments') {
          return async (...args: unknown[]) => {
            const list = (await method.apply(target, args)) as CommentData[];
            list.forEach(remember);
            return list;
          };
        }
        return (...args: unknown[]) => method.apply(target, args);
      }
      return async (...args: unknown[]) => {
        if (scope.signal?.aborted) {
          scope.log?.warn({ operation: property }, `write refused: ${property} after the job was abandoned at shutdown`);
          throw new Error(`refused ${property}: the job was abandoned`);
        }
        const entry = { operation: property, subject: writeSubject(args) };
        let result: unknown;
        try {
          const check = specific[property];
          if (check) check(args);
          else await checkGeneric(property, args, scope, deny, checkNumber);
          result = await method.apply(target, redactDeep(args, scope.redact));
        } catch (error) {
          scope.ledger?.failed.push({ ...entry, error });
          throw error;
        }
        // A refusal the port answers instead of throwing (a taken ref, a non-fast-forward) or an already
        // open pull request changed nothing.
        const unchanged = result === false || (typeof result === 'object' && result !== null && ((result as { ok?: unknown }).ok === false || (result as { existed?: unknown }).existed === true));
        if (!unchanged) scope.ledger?.published.push(entry);
        if (property === 'createComment' || property === 'updateComment') remember(result as CommentData);
        return result;
      };
    },
  });
}

/** A write method the guard has no specific rule for (e.g. ADR commits): issue numbers, refs and paths are checked. */
async function checkGeneric(
  operation: string,
  args: unknown[],
  scope: WriteScope,
  deny: (operation: string, why: string) => never,
  checkNumber: (operation: string, n: unknown) => void,
): Promise<void> {
  let touchesGit = false;
  const refs: { ref: string; key: string }[] = [];
  const visit = (value: unknown, key: string | undefined, depth: number): void => {
    if (depth > 6) return;
    if (Array.isArray(value)) return value.forEach((v) => visit(v, key, depth + 1));
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k, depth + 1);
      return;
    }
    if (key && NUMBER_KEYS.has(key)) checkNumber(operation, value);
    if (key && REF_KEYS.has(key) && typeof value === 'string') {
      touchesGit = true;
      refs.push({ ref: value, key });
    }
    if (key && PATH_KEYS.has(key) && typeof value === 'string') {
      touchesGit = true;
      if (!pathAllowed(value, scope)) deny(operation, `path ${JSON.stringify(value)} is outside the ADR directory`);
    }
  };
  // A leading number argument is an issue or pull request number.
  if (typeof args[0] === 'number') checkNumber(operation, args[0]);
  args.forEach((a) => visit(a, undefined, 0));
  // A git write named by a bare string (e.g. createBranch('x', sha)) is checked as a ref.
  if (!touchesGit && typeof args[0] === 'string' && /branch|ref|commit|push/i.test(operation)) refs.push({ ref: args[0], key: 'ref' });
  let defaultBranch: string | undefined;
  for (const { ref, key } of refs) {
    const name = branchName(ref);
    if (isAdrBranch(name)) continue;
    // The default branch is a pull request's base, or a commit target in direct mode.
    const onDefault = key === 'base' || key === 'baseRef' || key === 'baseBranch' || scope.adr?.mode === 'direct';
    if (onDefault && scope.adr?.defaultBranch !== undefined) {
      const wanted = scope.adr.defaultBranch;
      defaultBranch ??= typeof wanted === 'string' ? wanted : await wanted();
      if (name === defaultBranch) continue;
    }
    deny(operation, `ref ${JSON.stringify(ref)} is outside ${ADR_BRANCH_PREFIX}*${scope.adr?.mode === 'direct' ? ' and the default branch' : ''}`);
  }
}

function branchName(ref: string): string {
  return ref.replace(/^refs\/heads\//, '').replace(/^heads\//, '');
}

function isAdrBranch(name: string): boolean {
  return name.startsWith(ADR_BRANCH_PREFIX) && !name.includes('..') && /^[\w./-]+$/.test(name);
}

/** Inside the ADR directory after normalising: no `..`, no absolute path, no backslashes. */
export function pathAllowed(path: string, scope: Pick<WriteScope, 'adr'>): boolean {
  if (!scope.adr) return false;
  if (path.includes('\\') || path.startsWith('/') || path.includes('\0')) return false;
  const parts = path.split('/');
  if (parts.some((p) => p === '..' || p === '.' || p === '')) return false;
  return scope.adr.dirs.some((d) => d.replace(/\/+$/, '') !== '' && path.startsWith(`${d.replace(/\/+$/, '')}/`));
}
