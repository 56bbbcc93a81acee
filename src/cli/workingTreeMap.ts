import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config/configSchema.js';
import { buildRepoMap, DEFAULT_MAP_LIMITS } from '../repomap/buildRepoMap.js';
import { isSkippedPath } from '../repomap/classifyPath.js';
import { createRepoTools } from '../repomap/createRepoTools.js';
import type { RepoAccess } from '../repomap/repoMapLoader.js';
import type { MapSource, TreeFile } from '../domain/RepoMap.js';
import { createRepoMapCache } from '../repomap/RepoMapCache.js';
import { createRedactor } from '../security/redactor.js';

const run = promisify(execFile);
/** Local reads cost no request: the CLI reads more of the tree than the App does. */
const LOCAL_READS = 60;
const MAX_WALK = 50_000;
const STAT_CONCURRENCY = 32;

/**
 * Whether git could know this folder: a `.git` in it or above it, or a repository named by the environment.
 * Outside one, `git ls-files` would only fail, after a process start the walk does not need.
 */
async function inGitRepository(root: string): Promise<boolean> {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE) return true;
  for (let dir = root; ; dir = dirname(dir)) {
    if (await stat(join(dir, '.git')).then(() => true, () => false)) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** Files of the working tree: git's list (tracked and untracked, not ignored), or a walk outside a repository. */
async function listFiles(root: string): Promise<string[]> {
  try {
    if (!(await inGitRepository(root))) throw new Error('not in a git repository');
    const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return stdout.split('\0').filter((p) => p.length > 0);
  } catch {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (out.length >= MAX_WALK) return;
        const path = join(dir, entry.name);
        const rel = relative(root, path);
        if (entry.name === '.git' || isSkippedPath(`${rel}/`)) continue;
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) out.push(rel.split('\\').join('/'));
      }
    };
    await walk(root);
    return out;
  }
}

/** A map source over a directory: the same map as the App's, read from disk. */
export function workingTreeSource(root: string): MapSource {
  return {
    async tree() {
      const paths = await listFiles(root);
      // Many stats in flight, not one after another: a checkout of thousands of files otherwise waits on
      // each in turn. Results keep git's order.
      const sizes = new Array<number>(paths.length);
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < paths.length; i = next++) sizes[i] = await stat(join(root, paths[i]!)).then((s) => s.size).catch(() => -1);
      };
      await Promise.all(Array.from({ length: Math.min(STAT_CONCURRENCY, paths.length) }, worker));
      const files: TreeFile[] = [];
      paths.forEach((path, i) => {
        const size = sizes[i]!;
        if (size >= 0) files.push({ path, sha: `${path}@${size}`, size });
      });
      return { files, truncated: false };
    },
    async read(file) {
      const text = await readFile(join(root, file.path), 'utf8').catch(() => undefined);
      return text === undefined ? undefined : { text, cached: false };
    },
    requests: () => 0,
  };
}

/** The CLI's repository map and tools for the working tree; undefined when it cannot be built. */
export async function workingTreeMap(root: string, config: Config, env: Record<string, string | undefined>): Promise<RepoAccess | undefined> {
  try {
    const map = await buildRepoMap(workingTreeSource(root), { ...DEFAULT_MAP_LIMITS, maxReads: Math.max(LOCAL_READS, config.limits.repoMapFileReads) });
    if (map.fileCount === 0) return undefined;
    const limits = config.limits;
    const tools =
      limits.toolCallsPerJob > 0
        ? createRepoTools({
            map,
            cache: createRepoMapCache(),
            redact: createRedactor([env.ANTHROPIC_API_KEY]),
            limits: { calls: limits.toolCallsPerJob, bytes: limits.toolBytesPerJob, tokens: limits.toolTokensPerJob },
            readPath: (path) => readFile(join(root, path), 'utf8').catch(() => undefined),
          })
        : undefined;
    return { map, tools };
  } catch {
    return undefined;
  }
}
