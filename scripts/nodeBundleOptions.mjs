// The esbuild options both bundles share (the Action in dist/, the CLI in lib/cli/bundle/): one ESM
// program for Node 20, readable in a pasted stack, with the licences of what it bundles kept beside it.
export const NODE_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies (gray-matter, secretlint ...) call require('fs'): give the ESM bundle one.
  banner: { js: "import { createRequire as __agencyCreateRequire } from 'node:module';\nconst require = __agencyCreateRequire(import.meta.url);" },
  legalComments: 'linked',
  charset: 'utf8',
  // Whitespace and syntax only: names stay readable in a stack someone pastes into an issue.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: false,
  logLevel: 'warning',
};
