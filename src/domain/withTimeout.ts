/**
 * `promise`, or a rejection with `message` once `ms` have passed. The timer is cleared when the promise
 * settles first; a late rejection of the promise is handled by the race and never unhandled.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
