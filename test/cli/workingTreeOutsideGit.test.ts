import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Each `git` the map starts, recorded; the real execFile still runs it.
const started = vi.hoisted(() => ({ commands: [] as string[] }));
vi.mock('node:child_process', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:child_process')>();
  const record = (file: string, args: unknown) => started.commands.push([file, ...(Array.isArray(args) ? args : [])].join(' '));
  const execFile = (...args: Parameters<typeof original.execFile>) => {
    record(args[0] as string, args[1]);
    return (original.execFile as (...a: unknown[]) => unknown)(...args);
  };
  Object.assign(execFile, {
    [promisify.custom]: (file: string, args: string[], options: object) => {
      record(file, args);
      return promisify(original.execFile)(file, args, options);
    },
  });
  return { ...original, execFile };
});

const { workingTreeSource } = await import('../../src/cli/workingTreeMap.js');

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agency-tree-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('the working tree of a folder outside any git repository', () => {
  it('is listed by walking it, without starting git (which could only fail there)', async () => {
    const dir = await folder({ 'src/app.ts': 'export {};\n', 'db/schema.sql': 'create table t (id int);\n' });
    started.commands.length = 0;
    const { files } = await workingTreeSource(dir).tree();
    expect(files.map((f) => f.path).sort()).toEqual(['db/schema.sql', 'src/app.ts']);
    expect(started.commands).toEqual([]);
  });

  it('asks git when the folder has a .git, and walks when git cannot list it', async () => {
    const dir = await folder({ 'src/app.ts': 'export {};\n', '.git/HEAD': 'not a repository\n' });
    started.commands.length = 0;
    const { files } = await workingTreeSource(dir).tree();
    expect(started.commands.some((c) => c.startsWith('git ls-files'))).toBe(true);
    expect(files.map((f) => f.path)).toEqual(['src/app.ts']);
  });
});
