import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loopbackEnv } from '../support/loopbackEnv.js';

export const BUNDLE = fileURLToPath(new URL('../../dist/action.js', import.meta.url));

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed from GITHUB_OUTPUT (heredoc form). */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY's content ('' when nothing was written). */
  summary: string;
}

/** Parses `name<<DELIM\nvalue\nDELIM\n` blocks, as the runner does. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const [, name, delim] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
    outputs[name!] = value.join('\n');
  }
  return outputs;
}

/**
 * Runs the bundled action (`node dist/action.js`) as the runner would: the event JSON in a file, the
 * `GITHUB_*` variables and the inputs as `INPUT_*`. Nothing of this process's environment leaks in but PATH.
 */
export async function runBundledAction(input: {
  eventName: string;
  payload: unknown;
  repository: string;
  apiUrl: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Another copy of the bundle (default dist/action.js). */
  bundle?: string;
}): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'agency-action-'));
  try {
    const eventPath = join(dir, 'event.json');
    const outputPath = join(dir, 'output');
    const summaryPath = join(dir, 'summary.md');
    await writeFile(eventPath, JSON.stringify(input.payload));
    await writeFile(outputPath, '');
    await writeFile(summaryPath, '');
    const env: Record<string, string> = {
      PATH: input.env?.PATH ?? process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: input.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: input.repository,
      GITHUB_API_URL: input.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      ...loopbackEnv(),
      ...input.env,
    };
    // GitHub's naming: INPUT_ + upper case, spaces to underscores, hyphens kept.
    for (const [name, value] of Object.entries(input.inputs ?? {})) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    const child = spawn(process.execPath, [input.bundle ?? BUNDLE], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { code, stdout, stderr, outputs: parseOutputs(await readFile(outputPath, 'utf8')), summary: await readFile(summaryPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
