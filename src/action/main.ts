import { runAction } from './runAction.js';
import { annotate } from './workflowCommands.js';

/** Entry point of the GitHub Action (`dist/action.js`, built by scripts/build-action.mjs). */
function fail(): void {
  // Never print a stack: it can hold request data. The class of failure is enough for a user.
  annotate('error', 'the run failed (an internal error)');
  process.exitCode = 1;
}

process.on('uncaughtException', () => {
  fail();
  process.exit(1);
});

runAction({ env: process.env, stdout: (text) => process.stdout.write(text) }).then((code) => {
  process.exitCode = code;
}, fail);
