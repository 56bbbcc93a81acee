/**
 * A Probot 14 instance wired to the fake GitHub, for scenario tests.
 *
 * Probot's Octokit throttles writes like GitHub asks clients to (about 1 s between mutating requests,
 * 3 s between requests that notify people, such as comments) and retries 5xx responses with a delay.
 * Against a local fake that only makes tests slow, so both are turned off here; the app's code and
 * the rest of Probot's Octokit (auth, pagination, REST methods, config plugin) are unchanged.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit, type Logger } from 'probot';

let cachedKey: string | undefined;

/** An RSA private key (PKCS#8 PEM) for the app JWT; generated once per process. */
export function testPrivateKey(): string {
  cachedKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  return cachedKey;
}

type OctokitOptions = { throttle?: Record<string, unknown> } & Record<string, unknown>;

/** ProbotOctokit without write throttling and without retries. */
export const FastProbotOctokit = ProbotOctokit.defaults((instanceOptions: OctokitOptions) => ({
  ...instanceOptions,
  throttle: { ...instanceOptions.throttle, enabled: false },
  retry: { enabled: false },
}));

export interface TestProbotOptions {
  appId?: number;
  secret?: string;
  /** Keep Probot's throttling and retries (slow: seconds between writes). Default false. */
  realOctokit?: boolean;
  /** A logger to read what the app logs (e.g. pino on an in-memory stream); default: level fatal. */
  log?: Logger;
  /** Another Octokit class, e.g. the app's own (appOctokit: paced per installation). */
  Octokit?: typeof ProbotOctokit;
}

/** `new Probot({ appId, privateKey, secret, baseUrl: fakeUrl, logLevel: 'fatal', Octokit })`. */
export function createTestProbot(baseUrl: string, options: TestProbotOptions = {}): Probot {
  return new Probot({
    appId: options.appId ?? 1,
    privateKey: testPrivateKey(),
    secret: options.secret ?? 'test',
    baseUrl,
    logLevel: 'fatal',
    ...(options.log ? { log: options.log } : {}),
    ...(options.Octokit ? { Octokit: options.Octokit } : options.realOctokit ? {} : { Octokit: FastProbotOctokit }),
  });
}
