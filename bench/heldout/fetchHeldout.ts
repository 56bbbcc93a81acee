import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachePath, loadSets, repoRoot, type HeldoutSet, type HeldoutSource } from './manifest.js';

export const DEFAULT_BASE_URL = 'https://raw.githubusercontent.com';

export interface FetchReport {
  fetched: number;
  cached: number;
  failed: { source: HeldoutSource; error: string }[];
}

export interface FetchOptions {
  root?: string;
  sets?: readonly HeldoutSet[];
  /** `${baseUrl}/{repo}/{commit}/{path}`; default HELDOUT_BASE_URL or raw.githubusercontent.com. */
  baseUrl?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * Downloads every source of the held-out sets into .heldout-cache/{repo}/{commit}/{path}, skipping files
 * already there. A failed file is reported (and logged) with its reason; the others are still fetched.
 */
export async function fetchHeldout(opts: FetchOptions = {}): Promise<FetchReport> {
  const root = opts.root ?? repoRoot();
  const sets = opts.sets ?? loadSets(root);
  const base = (opts.baseUrl ?? process.env.HELDOUT_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const log = opts.log ?? (() => {});
  const report: FetchReport = { fetched: 0, cached: 0, failed: [] };
  const seen = new Set<string>();
  for (const source of sets.flatMap((s) => s.sources)) {
    const target = cachePath(root, source);
    if (seen.has(target)) continue;
    seen.add(target);
    if (existsSync(target)) {
      report.cached++;
      continue;
    }
    const url = `${base}/${source.repo}/${source.commit}/${source.path.split('/').map(encodeURIComponent).join('/')}`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      const body = Buffer.from(await response.arrayBuffer());
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, body);
      report.fetched++;
    } catch (error) {
      // fetch's own message is only "fetch failed": the cause (ENOTFOUND, ECONNREFUSED ...) says why.
      const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
      const reason = `${(error as Error).message}${cause ? `: ${cause.code ?? cause.message ?? ''}` : ''}`;
      report.failed.push({ source, error: reason });
      log(`heldout:fetch: ${source.repo}@${source.commit.slice(0, 10)} ${source.path}: ${reason} (${url})`);
    }
  }
  return report;
}

async function main(): Promise<void> {
  const report = await fetchHeldout({ log: (line) => console.error(line) });
  const hint = report.failed.length > 0 ? ` (the files come from ${process.env.HELDOUT_BASE_URL ?? DEFAULT_BASE_URL}; HELDOUT_BASE_URL names a mirror)` : '';
  console.log(`heldout:fetch: ${report.fetched} fetched, ${report.cached} already cached, ${report.failed.length} failed${hint}`);
  process.exitCode = report.failed.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`heldout:fetch failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
