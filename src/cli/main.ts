#!/usr/bin/env node
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { enableCompileCache } from './enableCompileCache.js';
import { loadProgram } from './loadProgram.js';

/** In the bundle (scripts/build-cli.mjs), the file name of the program next to this entry; undefined in lib/. */
declare const AGENCY_PROGRAM: string | undefined;

/**
 * The commands that run the pipeline: in the bundle they run the program with its code cache (loadProgram),
 * which saves more than reading the whole program costs. The others (`--help`, `rules` ...) load only the
 * few modules they need; so does anything else, options first included: the program is the same either way.
 */
const PIPELINE_COMMANDS = new Set(['review', 'plan', 'adr', 'demo']);

// Node 22.1+ keeps V8's compiled code on disk between starts (nothing happens on Node 20); it must be on
// before the rest of the program is loaded, hence the dynamic import below. The bundle's program is a
// classic script, run with a code cache of its own on every Node version.
enableCompileCache((module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache?.bind(module));
const { runCli } =
  typeof AGENCY_PROGRAM === 'string' && PIPELINE_COMMANDS.has(process.argv[2] ?? '')
    ? loadProgram<typeof import('./runCli.js')>(fileURLToPath(new URL(AGENCY_PROGRAM, import.meta.url))).exports
    : await import('./runCli.js');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  readStdin,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An unexpected failure: one line, no stack, unless debugging.
    process.stderr.write(`agency: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.AGENCY_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
    process.exitCode = 2;
  },
);
