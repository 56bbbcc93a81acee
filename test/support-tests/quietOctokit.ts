import { Octokit } from '@octokit/rest';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** The real @octokit/rest client pointed at the fake, without request logging; `auth: null` sends no token. */
export function quietOctokit(baseUrl: string, auth: string | null = 'x'): Octokit {
  return new Octokit({ baseUrl, ...(auth === null ? {} : { auth }), log: silent });
}
