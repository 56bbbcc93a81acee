/**
 * Bundles test/support/workerProcess.ts (and the src it imports) into one ESM file that a plain `node`
 * child process can run; packages stay external, resolved from the repository's node_modules.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let built: Promise<string> | undefined;

export function buildWorkerProcess(): Promise<string> {
  built ??= (async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    // Two levels below the root, like src/agents/: the bundle finds the shipped agents/ folder the same way.
    const outdir = `${root}.test-build/support`;
    mkdirSync(outdir, { recursive: true });
    const outfile = `${outdir}/workerProcess.mjs`;
    await build({
      entryPoints: [fileURLToPath(new URL('./workerProcess.ts', import.meta.url))],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return built;
}
