import type { GitHub } from '../github/GitHub.js';
import { classifyGitHubError } from '../github/classifyGitHubError.js';
import { isWriteMethod } from '../github/capturingGitHub.js';

/** A write was refused because the token may not write (fork PR, or `permissions:` too narrow). */
export class ReadOnlyTokenError extends Error {
  constructor(readonly method: string) {
    super(`the token may not write (${method} answered 403)`);
  }
}

/**
 * A 403 about permissions. Not a secondary rate limit (also 403), and not the repository setting that
 * keeps workflows from opening pull requests: the ADR job reports that one by name.
 */
function isPermissionDenied(error: unknown): boolean {
  return classifyGitHubError(error) === 'forbidden';
}

/**
 * The port, with a 403 on any write turned into a ReadOnlyTokenError the entry point handles.
 * `onWrite` sees each write that succeeded and its result (the ADR pull request's URL for the outputs).
 */
export function readOnlyGuard(inner: GitHub, onWrite?: (method: string, result: unknown) => void): GitHub {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || typeof value !== 'function') return value;
      const fn = (value as (...args: unknown[]) => Promise<unknown>).bind(target);
      // The review job handles a 403 on these itself, with a note (personal tokens cannot create check runs).
      if (!isWriteMethod(prop) || prop === 'createCheckRun' || prop === 'dismissReview') return fn;
      return async (...args: unknown[]) => {
        try {
          const result = await fn(...args);
          onWrite?.(prop, result);
          return result;
        } catch (error) {
          if (isPermissionDenied(error)) throw new ReadOnlyTokenError(prop);
          throw error;
        }
      };
    },
  });
}
