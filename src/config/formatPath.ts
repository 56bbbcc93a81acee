import { quoteShort } from './quoteShort.js';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['review', 'maxInlineComments']` → `review.maxInlineComments`; `['commands', 2]` → `commands[2]`; odd keys are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment) && segment.length <= 40) out += out === '' ? segment : `.${segment}`;
    else out += `[${quoteShort(String(segment))}]`;
  }
  return out;
}
