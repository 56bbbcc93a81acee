// Bundles the CLI (`agency`, src/cli/main.ts) into lib/cli/bundle/: one ESM entry plus the chunks its
// lazy imports load, instead of ~600 separate modules that Node resolves, reads and compiles one by one on
// every start. Built by `npm run build` after tsc; package.json's `bin` points at lib/cli/bundle/agency.js.
// Beside them, the same program (src/cli/runCli.ts and all it loads) as ONE CommonJS file,
// program-<hash>.cjs: the commands that run the pipeline run it as a classic script with V8's code cache
// (src/cli/loadProgram.ts), which Node 20 has no equivalent of for ES modules.
//
// Each source file keeps the location it has in lib/: its `import.meta.url` is rewritten to the URL of
// lib/<same path>.js, so what the code finds relative to itself (agents/, rules/, package.json, the
// native @ast-grep and squawk packages through createRequire) resolves exactly as in the unbundled lib/.
//
//   node scripts/build-cli.mjs            → lib/cli/bundle/
//   node scripts/build-cli.mjs --outdir X → X/ (tests)
import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE_OPTIONS } from './nodeBundleOptions.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * `import.meta.url` of each src/ file as the URL its lib/ counterpart would have, relative to the bundle
 * (in the CommonJS program, relative to the program's own file). The entry keeps its own URL: it finds
 * the program next to itself.
 */
function keepLibLocation(outdir, { commonJs = false } = {}) {
  const src = join(root, 'src') + sep;
  const entry = join(src, 'cli', 'main.ts');
  const here = commonJs ? 'require("node:url").pathToFileURL(__filename)' : 'import.meta.url';
  return {
    name: 'keep-lib-location',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!args.path.startsWith(src) || args.path === entry || !text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        const lib = join(root, 'lib', relative(src, args.path)).replace(/\.ts$/, '.js');
        const rel = relative(outdir, lib).split(sep).join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, ${here}).href`), loader: 'ts' };
      });
    },
  };
}

/**
 * js-yaml 3 (gray-matter's YAML engine) requires esprima on load, for a `!!js/function` tag that only its
 * unsafe schema reads; gray-matter reads front matter with the safe one. Left in, the CLI resolves and
 * compiles esprima from node_modules on every start (≈20 ms); without it, the tag is simply not resolved.
 */
function withoutEsprima() {
  return {
    name: 'without-esprima',
    setup(build) {
      build.onLoad({ filter: /[\\/]js-yaml[\\/]lib[\\/]js-yaml[\\/]type[\\/]js[\\/]function\.js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        return { contents: text.replace("esprima = _require('esprima');", 'esprima = undefined;'), loader: 'js' };
      });
    },
  };
}

/**
 * zod 4 carries its error messages in some 50 languages (≈230 KB, compiled on every start) for `z.locales`;
 * the program never leaves the English messages zod sets up itself, so the others are left out.
 */
function onlyEnglishZodMessages() {
  return {
    name: 'only-english-zod-messages',
    setup(build) {
      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
        contents: 'export { default as en } from "./en.js";',
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

export async function buildCli(outdir = join(root, 'lib', 'cli', 'bundle')) {
  await rm(outdir, { recursive: true, force: true });
  // The program as one CommonJS file (what vm.Script and its code cache take), named by its content hash
  // so that a cache of another build is never used for it.
  const { banner: _esmRequire, ...options } = NODE_BUNDLE_OPTIONS;
  const program = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [{ out: 'program', in: 'src/cli/runCli.ts' }],
    ...options,
    format: 'cjs',
    // A dependency's own `import('node:fs')` (a secretlint rule's) as a require: a classic script has no
    // loader for import() without Node's experimental vm modules.
    supported: { 'dynamic-import': false },
    outdir,
    entryNames: '[name]-[hash]',
    outExtension: { '.js': '.cjs' },
    metafile: true,
    plugins: [keepLibLocation(outdir, { commonJs: true }), withoutEsprima(), onlyEnglishZodMessages()],
  });
  const programFile = Object.keys(program.metafile.outputs).find((f) => f.endsWith('.cjs'));
  if (!programFile) throw new Error('build-cli: esbuild wrote no program');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [{ out: 'agency', in: 'src/cli/main.ts' }],
    ...NODE_BUNDLE_OPTIONS,
    define: { AGENCY_PROGRAM: JSON.stringify(basename(programFile)) },
    outdir,
    // The lazy imports (the pipeline, the Claude client, the rules list) stay lazy: separate chunks, loaded
    // when a command needs them, so `--help` does not parse the review's code. All in one folder, so each
    // chunk's own URL is the same distance from lib/ as the entry's.
    splitting: true,
    chunkNames: '[name]-[hash]',
    plugins: [keepLibLocation(outdir), withoutEsprima(), onlyEnglishZodMessages()],
  });
  return outdir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--outdir');
  const outdir = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : undefined;
  await buildCli(outdir);
}
