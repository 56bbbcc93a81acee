import { describe, expect, it } from 'vitest';
import { readActionEnv } from '../../src/action/actionEnv.js';
import { inputEnvName, readActionInputs } from '../../src/action/actionInputs.js';
import { botLoginFor } from '../../src/action/actionOctokit.js';
import { countsFromDetails, failingSeverity } from '../../src/action/findingCounts.js';
import { isForkPull } from '../../src/action/isForkPull.js';
import { errorAnnotation, formatOutputs } from '../../src/action/workflowCommands.js';
import { parseOutputs } from './runBundledAction.js';

describe('inputs', () => {
  it('uses GitHub\'s variable names: INPUT_ + upper case, spaces to _, hyphens kept', () => {
    expect(inputEnvName('fail-on')).toBe('INPUT_FAIL-ON');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  it('reads the inputs with the defaults of action.yml', () => {
    expect(readActionInputs({ 'INPUT_GITHUB-TOKEN': 't' })).toEqual({
      anthropicApiKey: undefined,
      githubToken: 't',
      model: undefined,
      configPath: '.github/agency.yml',
      failOn: 'never',
      dryRun: false,
      botLogin: undefined,
    });
    const all = readActionInputs({
      'INPUT_GITHUB-TOKEN': 't',
      'INPUT_ANTHROPIC-API-KEY': 'k',
      INPUT_MODEL: 'claude-x',
      'INPUT_CONFIG-PATH': './config/agency.yml',
      'INPUT_FAIL-ON': 'Major',
      'INPUT_DRY-RUN': 'True',
      'INPUT_BOT-LOGIN': 'my-app[bot]',
    });
    expect(all).toMatchObject({ anthropicApiKey: 'k', model: 'claude-x', configPath: 'config/agency.yml', failOn: 'major', dryRun: true, botLogin: 'my-app[bot]' });
  });

  it('names the input and the accepted values when one is wrong', () => {
    expect(() => readActionInputs({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_DRY-RUN': 'yes' })).toThrow('input "dry-run" must be true or false');
    expect(() => readActionInputs({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_FAIL-ON': 'all' })).toThrow('blocker, major, minor, nit, never');
    expect(() => readActionInputs({})).toThrow('input "github-token" is empty');
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

describe('workflow commands', () => {
  it('writes outputs in heredoc form with a delimiter the value does not contain', () => {
    let n = 0;
    const text = formatOutputs({ a: 'one\ntwo', b: 'has D2 inside' }, () => `D${++n}`);
    expect(text).toBe('a<<D1\none\ntwo\nD1\nb<<D3\nhas D2 inside\nD3\n');
    expect(parseOutputs(formatOutputs({ url: 'x\ny', n: '3' }))).toEqual({ url: 'x\ny', n: '3' });
  });

  it('escapes annotation data so a message cannot start another command', () => {
    expect(errorAnnotation('50% done\n::set-output name=x::y')).toBe('::error title=Agency Architect::50%25 done%0A::set-output name=x::y\n');
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
