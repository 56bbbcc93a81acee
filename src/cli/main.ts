#!/usr/bin/env node
import module from 'node:module';
import { enableCompileCache } from './enableCompileCache.js';

// Node 22.1+ keeps V8's compiled code on disk between starts (nothing happens on Node 20); it must be on
// before the rest of the program is loaded, hence the dynamic import below.
enableCompileCache((module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache?.bind(module));
const { runCli } = await import('./runCli.js');

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
