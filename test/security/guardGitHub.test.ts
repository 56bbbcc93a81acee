import { describe, expect, it, vi } from 'vitest';
import { guardGitHub, pathAllowed, type WriteScope } from '../../src/security/guardGitHub.js';
import { createRedactor } from '../../src/security/redactor.js';
import { SecurityError } from '../../src/security/SecurityError.js';
import { stubGitHub } from './stubGitHub.js';

const TOKEN = `ghp_${'a1B2'.repeat(9)}`;

function setup(scope: Partial<WriteScope> = {}, comments = [{ id: 5, body: 'x', author: 'agency-architect[bot]', authorType: 'Bot', url: 'u' }, { id: 6, body: 'human', author: 'mallory', authorType: 'User', url: 'u' }]) {
  const stub = stubGitHub(comments);
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const github = guardGitHub(stub.github, {
    number: 7,
    triggerCommentId: 42,
    botLogin: 'agency-architect[bot]',
    adr: { dirs: ['.agency/decisions'], mode: 'pr', defaultBranch: 'main' },
    log,
    redact: createRedactor(['the-webhook-secret-value']),
    ...scope,
  });
  return { ...stub, guarded: github, log };
}

describe('guardGitHub', () => {
  it('lets writes to the triggering issue through, redacted', async () => {
    const { guarded, writes } = setup();
    await guarded.createComment(7, `token ${TOKEN} and the-webhook-secret-value`);
    expect(writes).toHaveLength(1);
    const body = writes[0]!.args[1] as string;
    expect(body).not.toContain(TOKEN);
    expect(body).not.toContain('the-webhook-secret-value');
    expect(body).toContain('[REDACTED]');
  });

  it('refuses every write once the job\'s signal is aborted (abandoned at shutdown); reads still work', async () => {
    const controller = new AbortController();
    const { guarded, writes, log } = setup({ signal: controller.signal });
    await guarded.createComment(7, 'before');
    controller.abort();
    await expect(guarded.createComment(7, 'after')).rejects.toThrow('refused createComment: the job was abandoned');
    await expect(guarded.updateComment(5, 'after')).rejects.toThrow(/abandoned/);
    expect(writes.map((w) => w.args[1])).toEqual(['before']);
    expect(log.warn).toHaveBeenCalledWith({ operation: 'createComment' }, 'write refused: createComment after the job was abandoned at shutdown');
    expect(await guarded.comments(7, 100)).toHaveLength(2);
  });

  it('refuses a comment, review or write on another number, and logs it', async () => {
    const { guarded, writes, log } = setup();
    await expect(guarded.createComment(8, 'hi')).rejects.toBeInstanceOf(SecurityError);
    await expect(guarded.createReview(1, { commitId: 'a', event: 'COMMENT', body: 'b', comments: [] })).rejects.toThrow(/#1 is not the triggering #7/);
    expect(writes).toEqual([]);
    expect(log.error).toHaveBeenCalledTimes(2);
  });

  it('edits only comments the bot wrote (seen in a listing or created in this event)', async () => {
    const { guarded, writes } = setup();
    await expect(guarded.updateComment(5, 'x')).rejects.toThrow(/not written by/);
    await guarded.comments(7, 100);
    await guarded.updateComment(5, 'edited');
    await expect(guarded.updateComment(6, 'edit a human comment')).rejects.toBeInstanceOf(SecurityError);
    const created = await guarded.createComment(7, 'new');
    await guarded.updateComment(created.id, 'again');
    expect(writes.map((w) => w.method)).toEqual(['updateComment', 'createComment', 'updateComment']);
  });

  it('reacts only to the triggering comment', async () => {
    const { guarded, writes } = setup();
    await guarded.reactToComment(42, 'eyes');
    await expect(guarded.reactToComment(43, 'eyes')).rejects.toBeInstanceOf(SecurityError);
    expect(writes).toHaveLength(1);
  });

  it('passes reads through, whatever they read', async () => {
    const { guarded } = setup();
    await expect(guarded.readFile('.github/workflows/ci.yml')).resolves.toBeUndefined();
    expect(await guarded.permission('someone')).toBe('write');
  });

  it('guards methods it does not know by their arguments: refs, paths and numbers', async () => {
    const { guarded, writes } = setup();
    const g = guarded as typeof guarded & {
      createBranch(name: string, sha: string): Promise<void>;
      commitFiles(input: { branch: string; message: string; files: { path: string; content: string }[] }): Promise<unknown>;
      openPullRequest(input: { head: string; base: string; title: string; body: string }): Promise<unknown>;
    };
    await g.createBranch('agency/adr-0003-use-postgres', 'sha');
    await g.commitFiles({ branch: 'agency/adr-0003-use-postgres', message: `ADR ${TOKEN}`, files: [{ path: '.agency/decisions/0003-use-postgres.md', content: 'x' }] });
    await g.openPullRequest({ head: 'agency/adr-0003-use-postgres', base: 'main', title: 't', body: 'b' });
    expect(writes).toHaveLength(3);
    expect(JSON.stringify(writes)).not.toContain(TOKEN);

    await expect(g.createBranch('main', 'sha')).rejects.toBeInstanceOf(SecurityError);
    await expect(g.createBranch('agency/adr-../../main', 'sha')).rejects.toBeInstanceOf(SecurityError);
    await expect(g.commitFiles({ branch: 'main', message: 'm', files: [{ path: '.agency/decisions/1.md', content: 'x' }] })).rejects.toThrow(/ref "main"/);
    await expect(
      g.commitFiles({ branch: 'agency/adr-1', message: 'm', files: [{ path: '.github/workflows/x.yml', content: 'x' }] }),
    ).rejects.toThrow(/outside the ADR directory/);
    await expect(
      g.commitFiles({ branch: 'agency/adr-1', message: 'm', files: [{ path: '.agency/decisions/../../.github/workflows/x.yml', content: 'x' }] }),
    ).rejects.toBeInstanceOf(SecurityError);
    await expect(g.openPullRequest({ head: 'feature', base: 'main', title: 't', body: 'b' })).rejects.toBeInstanceOf(SecurityError);
    expect(writes).toHaveLength(3);
  });

  it('guards the ADR methods of the port: commits in the ADR directory, ADR branches, PRs from ADR branches', async () => {
    const { guarded, writes } = setup();
    await guarded.reserveAdrNumber({ adrNumber: 3, sha: 'sha' });
    await guarded.createCommit({ parent: 'p', message: `m ${TOKEN}`, files: [{ path: '.agency/decisions/0003-x.md', content: TOKEN }] });
    await guarded.createBranch('agency/adr-0003-x', 'sha');
    await guarded.updateBranch('agency/adr-0003-x', 'sha');
    await guarded.createPull({ head: 'agency/adr-0003-x', base: 'main', title: 't', body: TOKEN });
    expect(writes).toHaveLength(5);
    expect(JSON.stringify(writes)).not.toContain(TOKEN);
    await expect(guarded.createCommit({ parent: 'p', message: 'm', files: [{ path: '.github/workflows/x.yml', content: 'x' }] })).rejects.toBeInstanceOf(SecurityError);
    await expect(guarded.updateBranch('main', 'sha')).rejects.toBeInstanceOf(SecurityError);
    await expect(guarded.createPull({ head: 'agency/adr-1', base: 'release', title: 't', body: 'b' })).rejects.toBeInstanceOf(SecurityError);
    expect(writes).toHaveLength(5);
  });

  it('allows the default branch as a commit target only in direct mode, resolving it lazily', async () => {
    const defaultBranch = vi.fn(() => Promise.resolve('trunk'));
    const { guarded, writes } = setup({ adr: { dirs: ['docs/adr'], mode: 'direct', defaultBranch } });
    const g = guarded as typeof guarded & { commitFiles(input: { branch: string; files: { path: string }[] }): Promise<unknown> };
    await g.commitFiles({ branch: 'trunk', files: [{ path: 'docs/adr/0001-x.md' }] });
    await expect(g.commitFiles({ branch: 'main', files: [{ path: 'docs/adr/0001-x.md' }] })).rejects.toBeInstanceOf(SecurityError);
    expect(writes).toHaveLength(1);
    expect(defaultBranch).toHaveBeenCalled();
  });
});

describe('pathAllowed', () => {
  const scope = { adr: { dirs: ['.agency/decisions'], mode: 'pr' as const } };
  it.each([
    ['.agency/decisions/0001-a.md', true],
    ['.agency/decisions/README.md', true],
    ['.agency/decisions', false],
    ['.agency/decisions/../x.md', false],
    ['.agency/decisions/./x.md', false],
    ['.agency/decisions//x.md', false],
    ['/.agency/decisions/x.md', false],
    ['.agency/decisions\\..\\x.md', false],
    ['.agency/decisionsX/x.md', false],
    ['.github/agency.yml', false],
  ])('%s → %s', (path, ok) => {
    expect(pathAllowed(path, scope)).toBe(ok);
  });
  it('allows nothing without an ADR scope', () => {
    expect(pathAllowed('.agency/decisions/x.md', {})).toBe(false);
  });
});
