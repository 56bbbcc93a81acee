/**
 * `npm start` for tests: src/app/main.ts bundled with esbuild (dependencies left as imports, resolved
 * from node_modules) and run as a child process with the given environment, in an empty directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { loopbackEnv } from '../support/loopbackEnv.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface MainProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout (or stderr) matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** The exit code, once the process ends by itself. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

let bundled: Promise<string> | undefined;

/** Two levels below the repository root, like lib/app/main.js, so `../../agents/` is the shipped agents. */
function bundle(): Promise<string> {
  bundled ??= (async () => {
    const outdir = join(root, '.test-build', `app-${process.pid}`);
    await mkdir(outdir, { recursive: true });
    const outfile = join(outdir, 'main.js');
    await esbuild.build({ absWorkingDir: root, entryPoints: ['src/app/main.ts'], outfile, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    return outfile;
  })();
  return bundled;
}

export async function cleanBundle(): Promise<void> {
  if (bundled) await rm(join(root, '.test-build', `app-${process.pid}`), { recursive: true, force: true });
  bundled = undefined;
}

export async function runMain(env: Record<string, string>): Promise<MainProcess> {
  const file = await bundle();
  const cwd = await mkdtemp(join(tmpdir(), 'agency-main-'));
  const child = spawn(process.execPath, [file], { cwd, env: { PATH: process.env.PATH ?? '', NO_PROXY: '127.0.0.1,localhost', ...loopbackEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    async waitFor(pattern, timeoutMs = 15_000) {
      const end = Date.now() + timeoutMs;
      while (!pattern.test(out) && !pattern.test(err)) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`no ${pattern} in output; stdout:\n${out}\nstderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      await rm(cwd, { recursive: true, force: true });
      return code;
    },
  };
}
