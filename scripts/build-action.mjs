// Bundles the GitHub Action entry into dist/: one ESM file per entry, for a node24 runner that installs
// nothing, plus the built-in agents and the code rules it reads at run time. The output is deterministic (no timestamps,
// paths relative to the repository), so `test/action/bundle.test.ts` can rebuild and compare bytes.
//
//   node scripts/build-action.mjs            → dist/
//   node scripts/build-action.mjs --outdir X → X/ (the test's fresh build)
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE_OPTIONS } from './nodeBundleOptions.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Entry points: output name (without .js) → source file. */
export const ENTRIES = { action: 'src/action/main.ts' };

export async function buildAction(outdir = join(root, 'dist')) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.entries(ENTRIES).map(([out, in_]) => ({ out, in: in_ })),
    ...NODE_BUNDLE_OPTIONS,
    outdir,
    metafile: false,
  });
  // loadActionAgents reads `agents/` next to the entry file.
  const agentsOut = join(outdir, 'agents');
  await mkdir(agentsOut, { recursive: true });
  for (const name of (await readdir(join(root, 'agents'))).filter((n) => n.endsWith('.md')).sort()) {
    await copyFile(join(root, 'agents', name), join(agentsOut, name));
  }
  // The AST rules are data read at run time (loadAstRules looks next to the entry file). The engine,
  // @ast-grep/napi, is a native module esbuild cannot bundle: the workflow installs it (docs/action.md).
  const rulesOut = join(outdir, 'rules');
  await mkdir(rulesOut, { recursive: true });
  for (const name of (await readdir(join(root, 'rules'))).filter((n) => n.endsWith('.yml')).sort()) {
    await copyFile(join(root, 'rules', name), join(rulesOut, name));
  }
  return outdir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--outdir');
  const outdir = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : undefined;
  const out = await buildAction(outdir);
  process.stdout.write(`built ${out}\n`);
}
