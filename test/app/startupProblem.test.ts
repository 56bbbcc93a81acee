import { describe, expect, it } from 'vitest';
import { startupProblem } from '../../src/app/startupProblem.js';

const app = { APP_ID: '1', PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----' };

describe('startupProblem', () => {
  it('refuses to start in production without WEBHOOK_SECRET, saying how to set it', () => {
    const problem = startupProblem({ ...app, NODE_ENV: 'production' });
    expect(problem).toMatch(/^WEBHOOK_SECRET must be set/);
    expect(problem).toContain('openssl rand -hex 32');
  });

  it('refuses outside development too (no NODE_ENV is not development)', () => {
    expect(startupProblem({ ...app })).toMatch(/^WEBHOOK_SECRET must be set/);
  });

  it('starts in development without a secret, and anywhere with one', () => {
    expect(startupProblem({ ...app, NODE_ENV: 'development' })).toBeUndefined();
    expect(startupProblem({ ...app, NODE_ENV: 'production', WEBHOOK_SECRET: 's' })).toBeUndefined();
  });

  it('runs the setup flow when the app is not registered yet, except in production', () => {
    expect(startupProblem({})).toBe('setup');
    expect(startupProblem({ NODE_ENV: 'production' })).toBe('APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) must be set; see .env.example.');
    expect(startupProblem({ APP_ID: '1', PRIVATE_KEY_PATH: 'key.pem', WEBHOOK_SECRET: 's', NODE_ENV: 'production' })).toBeUndefined();
  });
});
