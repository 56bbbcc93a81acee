/**
 * What stops the server from starting, as a message that says how to fix it; 'setup' when Probot's
 * app-registration flow should run instead (development without an app yet); undefined when fine.
 */
export function startupProblem(env: Record<string, string | undefined>): string | 'setup' | undefined {
  const production = env.NODE_ENV === 'production';
  const hasKey = Boolean(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH);
  if (!env.APP_ID || !hasKey) {
    if (!production) return 'setup';
    return 'APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) must be set; see .env.example.';
  }
  if (!env.WEBHOOK_SECRET) {
    // Without a secret anyone could post webhooks that spend model tokens; Probot's "development" default is not a secret.
    if (production || env.NODE_ENV !== 'development') {
      return 'WEBHOOK_SECRET must be set (the secret configured in the GitHub App settings); e.g. export WEBHOOK_SECRET=$(openssl rand -hex 32) and set the same value on the app. Set NODE_ENV=development to run without one locally.';
    }
  }
  return undefined;
}
