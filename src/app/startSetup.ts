import { createServer } from 'node:net';
import { run, type Server } from 'probot';
import { listen } from './listen.js';
import { serverPort } from './serverPort.js';

type RunOptions = NonNullable<Parameters<typeof run>[1]>;

/**
 * Probot's setup flow (no APP_ID or private key yet, outside production): a page at `/probot` that
 * registers the app from app.yml and writes APP_ID, PRIVATE_KEY and WEBHOOK_SECRET to `.env`. The
 * manifest's webhook URL is Probot's: the smee.io channel it creates (WEBHOOK_PROXY_URL), or the
 * server's own base URL, which startServer accepts webhooks at too. Webhooks are not received in setup
 * mode, so no app function is loaded; restart after registering.
 */
export async function startSetup(env: NodeJS.ProcessEnv, overrides: Pick<RunOptions, 'SmeeClient' | 'updateEnv' | 'log'> = {}): Promise<Server> {
  // smee-client is a dev dependency (setup is a development flow); without it Probot fetches it with npx.
  const SmeeClient = overrides.SmeeClient ?? (await import('smee-client').then((m) => m.SmeeClient, () => undefined));
  // Probot logs a port it cannot take with a stack trace before failing: the port is tried first, where
  // Probot will listen (HOST, else localhost), so the failure is one sentence (main.ts prints it).
  const probe = createServer();
  await listen(probe, serverPort(env), env.HOST || 'localhost');
  await new Promise((resolve) => probe.close(resolve));
  // A copy: Probot loads `.env` into process.env over what is set, and the environment should win (PORT...).
  return run(() => undefined, { env: { ...env }, ...overrides, ...(SmeeClient ? { SmeeClient } : {}) });
}
