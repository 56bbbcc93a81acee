/**
 * Milliseconds since the epoch. Core code that needs the time takes a Clock (a parameter, an option or
 * a constructor argument) instead of reading `Date.now()`, so tests set the time and nothing else does.
 */
export type Clock = () => number;

/** The wall clock: what adapters pass, and the default where a caller gives none. */
export const systemClock: Clock = () => Date.now();
