import type { ReadGitHub } from './GitHub.js';

/** The port with a count of the calls made through it (each one GitHub request, pagination aside). */
export function countingGitHub<T extends ReadGitHub>(inner: T): { github: T; count: () => number } {
  let calls = 0;
  const github = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { github, count: () => calls };
}
