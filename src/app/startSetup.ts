import { run, type Server } from 'probot';

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
  // A copy: Probot loads `.env` into process.env over what is set, and the environment should win (PORT...).
  return run(() => undefined, { env: { ...env }, ...overrides, ...(SmeeClient ? { SmeeClient } : {}) });
}
