import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readActionEnv } from '../../src/action/actionEnv.js';
import { readActionInputs } from '../../src/action/actionInputs.js';
import { botLoginFor } from '../../src/action/actionOctokit.js';
import { countsFromDetails, failingSeverity } from '../../src/action/findingCounts.js';
import { isForkPull } from '../../src/action/isForkPull.js';
import { annotate, appendSummary, setOutputs } from '../../src/action/workflowCommands.js';
import { parseOutputs } from './runBundledAction.js';

/** Runs `fn` with exactly these runner variables (and no inherited input or token), restored after. */
function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const names = ['GITHUB_TOKEN', 'ANTHROPIC_API_KEY', ...Object.keys(process.env).filter((k) => k.startsWith('INPUT_'))];
  for (const name of names) vi.stubEnv(name, '');
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  try {
    return fn();
  } finally {
    vi.unstubAllEnvs();
  }
}

describe('inputs', () => {
  it('uses GitHub\'s variable names: INPUT_ + upper case, spaces to _, hyphens kept', () => {
    expect(withEnv({ 'INPUT_FAIL-ON': 'major', 'INPUT_GITHUB-TOKEN': 't' }, () => readActionInputs().failOn)).toBe('major');
    expect(withEnv({ INPUT_FAIL_ON: 'major', 'INPUT_GITHUB-TOKEN': 't' }, () => readActionInputs().failOn)).toBe('never');
  });

  it('reads the inputs with the defaults of action.yml', () => {
    expect(withEnv({ 'INPUT_GITHUB-TOKEN': 't' }, () => readActionInputs())).toEqual({
      anthropicApiKey: undefined,
      githubToken: 't',
      model: undefined,
      configPath: '.github/agency.yml',
      failOn: 'never',
      dryRun: false,
      botLogin: undefined,
    });
    const all = withEnv(
      {
        'INPUT_GITHUB-TOKEN': 't',
        'INPUT_ANTHROPIC-API-KEY': 'k',
        INPUT_MODEL: ' claude-x ',
        'INPUT_CONFIG-PATH': './config/agency.yml',
        'INPUT_FAIL-ON': 'Major',
        'INPUT_DRY-RUN': 'True',
        'INPUT_BOT-LOGIN': 'my-app[bot]',
      },
      () => readActionInputs(),
    );
    expect(all).toMatchObject({ anthropicApiKey: 'k', model: 'claude-x', configPath: 'config/agency.yml', failOn: 'major', dryRun: true, botLogin: 'my-app[bot]' });
  });

  it('names the input and the accepted values when one is wrong', () => {
    expect(() => withEnv({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_DRY-RUN': 'yes' }, () => readActionInputs())).toThrow('input "dry-run" must be true or false');
    expect(() => withEnv({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_FAIL-ON': 'all' }, () => readActionInputs())).toThrow('blocker, major, minor, nit, never');
    expect(() => withEnv({}, () => readActionInputs())).toThrow('input "github-token" is empty');
  });
});

describe('runner environment', () => {
  it('reads the event, repository and API root (GHE: GITHUB_API_URL)', () => {
    const env = readActionEnv({
      GITHUB_EVENT_NAME: 'issues',
      GITHUB_EVENT_PATH: '/e.json',
      GITHUB_REPOSITORY: 'acme/api',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      GITHUB_RUN_ID: '7',
      GITHUB_RUN_ATTEMPT: '2',
    });
    expect(env).toMatchObject({ owner: 'acme', repo: 'api', apiUrl: 'https://ghe.example.com/api/v3', runKey: '7-2' });
    expect(() => readActionEnv({ GITHUB_EVENT_NAME: 'issues', GITHUB_EVENT_PATH: '/e', GITHUB_REPOSITORY: 'acme' })).toThrow('owner/name');
  });
});

describe('workflow commands (@actions/core)', () => {
  it('writes outputs in heredoc form with a delimiter the value does not contain', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agency-outputs-'));
    try {
      const file = join(dir, 'output');
      await writeFile(file, '');
      // A value that tries to close its block and set another output.
      withEnv({ GITHUB_OUTPUT: file }, () => setOutputs({ url: 'x\ny', evil: 'a\nEOF\nfake<<EOF\nz' }));
      expect(parseOutputs(await readFile(file, 'utf8'))).toEqual({ url: 'x\ny', evil: 'a\nEOF\nfake<<EOF\nz' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('escapes annotation data so a message cannot start another command', () => {
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    try {
      annotate('error', '50% done\n::set-output name=x::y');
    } finally {
      spy.mockRestore();
    }
    expect(printed.join('')).toBe('::error title=Agency Architect::50%25 done%0A::set-output name=x::y\n');
  });

  it('appends to the job summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agency-summary-'));
    try {
      const file = join(dir, 'summary.md');
      await writeFile(file, 'before\n');
      vi.stubEnv('GITHUB_STEP_SUMMARY', file);
      await appendSummary('## Agency Architect\n');
      expect(await readFile(file, 'utf8')).toBe('before\n## Agency Architect\n');
    } finally {
      vi.unstubAllEnvs();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('fork detection, counts, identity', () => {
  const pr = (head: string | null) => ({ pull_request: { head: { repo: head ? { full_name: head } : null }, base: { repo: { full_name: 'acme/api' } } } });
  it('is a fork when the head repository differs or is gone', () => {
    expect(isForkPull('pull_request', pr('acme/api'))).toBe(false);
    expect(isForkPull('pull_request', pr('ACME/api'))).toBe(false);
    expect(isForkPull('pull_request', pr('outsider/api'))).toBe(true);
    expect(isForkPull('pull_request', pr(null))).toBe(true);
    expect(isForkPull('issue_comment', pr('outsider/api'))).toBe(false);
  });

  it('fails at or above fail-on only', () => {
    const counts = countsFromDetails({ severities: { blocker: 0, major: 2, minor: 1, nit: 0 } });
    expect(failingSeverity(counts, 'blocker')).toBeUndefined();
    expect(failingSeverity(counts, 'major')).toBe('major');
    expect(failingSeverity(counts, 'nit')).toBe('major');
    expect(failingSeverity(counts, 'never')).toBeUndefined();
    expect(countsFromDetails(undefined)).toEqual({ blocker: 0, major: 0, minor: 0, nit: 0 });
  });

  it('knows who the token writes as', () => {
    expect(botLoginFor('ghs_abc', undefined)).toBe('github-actions[bot]');
    expect(botLoginFor('ghp_abc', undefined)).toBeUndefined();
    expect(botLoginFor('github_pat_abc', undefined)).toBeUndefined();
    expect(botLoginFor('ghs_abc', 'my-app[bot]')).toBe('my-app[bot]');
  });
});
