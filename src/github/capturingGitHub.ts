import type { Permission } from '../config/configSchema.js';
import type { GitHub } from '../github/GitHub.js';

/** A write the port did not send: the method and its arguments. */
export interface CapturedWrite {
  method: string;
  args: unknown[];
}

/** Port methods that only read. Named reads (get/list/find/read...) count too. */
const READS = new Set(['botLogin', 'defaultBranch', 'permission', 'issue', 'comments', 'pull', 'pullFiles', 'compare', 'reviewComments']);

/**
 * Whether a port method may change something on GitHub. Everything that is not a known read is treated
 * as a write, so a method the port gains later is captured in dry-run rather than sent.
 */
export function isWriteMethod(name: string): boolean {
  return !READS.has(name) && !/^(get|list|find|read)[A-Z]/.test(name);
}

export interface CapturingOptions {
  /**
   * Answer every permission question with this level instead of asking GitHub. Fork mode: nothing is
   * published and the offline engine costs nothing, so the outside contributor's own PR is reviewed.
   */
  assumePermission?: Permission;
  /** Called for each captured write, in order. */
  onWrite?: (write: CapturedWrite) => void;
}

const PLACEHOLDER_URL = '';

/** What a captured write returns: the shapes the port's writes promise, with ids of 0 and no URL. */
function placeholder(method: string, args: unknown[], author: string): unknown {
  if (method === 'createComment' || method === 'updateComment') {
    return { id: method === 'updateComment' ? Number(args[0]) : 0, body: String(args[1] ?? ''), author, authorType: 'Bot', url: PLACEHOLDER_URL };
  }
  if (method === 'reactToComment') return undefined;
  if (method === 'createBranch' || method === 'reserveAdrNumber') return true;
  // Covers createReview, createCheckRun, createCommit, updateBranch and createPull.
  return { id: 0, number: 0, url: PLACEHOLDER_URL, sha: '', headRef: '', ok: true, existed: false };
}

/**
 * The GitHub port with reads passed through and writes recorded instead of sent (dry-run, fork PRs).
 * Reads still go to GitHub: what would be posted is computed from the real issue, diff and config.
 */
export function capturingGitHub(inner: GitHub, options: CapturingOptions = {}): { github: GitHub; writes: CapturedWrite[] } {
  const writes: CapturedWrite[] = [];
  let author = '';
  const github = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || typeof value !== 'function') return value;
      if (prop === 'permission' && options.assumePermission) return async () => options.assumePermission;
      if (prop === 'botLogin') {
        return async () => (author = await (value as () => Promise<string>).call(target));
      }
      if (!isWriteMethod(prop)) return (value as (...args: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        const write = { method: prop, args };
        writes.push(write);
        options.onWrite?.(write);
        return placeholder(prop, args, author);
      };
    },
  });
  return { github, writes };
}

/** The text a captured run would have posted as its living comment: the last comment body written. */
export function lastCommentBody(writes: readonly CapturedWrite[]): string | undefined {
  const comment = writes.filter((w) => w.method === 'createComment' || w.method === 'updateComment').at(-1);
  return comment ? String(comment.args[1]) : undefined;
}
