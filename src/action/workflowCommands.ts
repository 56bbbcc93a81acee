import * as core from '@actions/core';

/**
 * The runner's workflow commands through @actions/core, which owns their formats: annotations on stdout
 * (`::error title=…::data`, data escaped so a message cannot start another command), outputs in
 * GITHUB_OUTPUT (heredoc form with a random delimiter checked against the value) and the job summary
 * in GITHUB_STEP_SUMMARY. Like core, these read the runner's variables from process.env.
 */
export type AnnotationLevel = 'error' | 'warning';

/** One annotation, titled with the product (message only: never a stack). */
export function annotate(level: AnnotationLevel, message: string): void {
  core[level](message, { title: 'Agency Architect' });
}

/** Step outputs; each value may span lines. */
export function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

/** Appends Markdown to the job summary. */
export async function appendSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(markdown).write();
}

/** A debug line (`::debug::data`): shown only when the run has debug logging on. */
export function debugLine(message: string): void {
  core.debug(message);
}
