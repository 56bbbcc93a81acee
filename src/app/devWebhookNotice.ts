/**
 * What `npm run dev` says when no webhook can reach it: GitHub cannot post to a server on a laptop, so
 * development goes through a smee.io channel (WEBHOOK_PROXY_URL) that this server subscribes to.
 */
export function devWebhookNotice(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_ENV !== 'development' || env.WEBHOOK_PROXY_URL) return undefined;
  return (
    'WEBHOOK_PROXY_URL is not set: GitHub cannot reach this machine, so no webhooks will arrive. ' +
    'Create a channel at https://smee.io/new, set WEBHOOK_PROXY_URL=<channel URL> in .env, use the same URL as the ' +
    "app's webhook URL (GitHub App settings), and restart."
  );
}
