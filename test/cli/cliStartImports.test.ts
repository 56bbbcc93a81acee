import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** What `node lib/cli/main.js` loads before it reads its arguments: the static imports, followed through our own files. */
function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, spec] of readFileSync(join(root, file), 'utf8').matchAll(STATIC_IMPORT)) {
      if (!spec) continue;
      if (spec.startsWith('.')) visit(relative(root, join(dirname(join(root, file)), spec.replace(/\.js$/, '.ts'))));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the CLI start', () => {
  it('loads the pipeline, the evidence engines and the Claude client only when a command needs them', () => {
    // main.ts turns on Node's compile cache first, then loads runCli: both are the start.
    expect(readFileSync(join(root, 'src/cli/main.ts'), 'utf8')).toContain("await import('./runCli.js')");
    const main = staticClosure('src/cli/main.ts');
    const cli = staticClosure('src/cli/runCli.ts');
    const files = new Set([...main.files, ...cli.files]);
    const packages = new Set([...main.packages, ...cli.packages]);
    expect(files.has('src/cli/parseCliArgs.ts')).toBe(true);
    for (const heavy of ['src/cli/runLocalEvent.ts', 'src/jobs/runEvent.ts', 'src/evidence/collectEvidence.ts', 'src/model/createModel.ts', 'src/config/parseConfig.ts']) {
      expect(files.has(heavy), heavy).toBe(false);
    }
    for (const pkg of ['@anthropic-ai/sdk', '@secretlint/core', 'yaml', 'mdast-util-from-markdown', 'probot', 'zod']) expect(packages.has(pkg), pkg).toBe(false);
  });

  it('loads the Claude client for a local run only when a key is set', () => {
    const { files, packages } = staticClosure('src/cli/runLocalEvent.ts');
    expect(files.has('src/jobs/runEvent.ts')).toBe(true);
    expect(files.has('src/model/createModel.ts')).toBe(false);
    expect(packages.has('@anthropic-ai/sdk')).toBe(false);
  });
});
