import type { Intent, Route } from '../../src/triggers/Intent.js';

/** The intent of a run route; fails the test with the ignore reason otherwise, so no assertion passes vacuously. */
export function runIntent(result: Route): Intent {
  if (result.kind !== 'run') throw new Error(`expected a run, got ignore: ${result.reason}`);
  return result.intent;
}
