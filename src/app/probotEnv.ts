/**
 * The environment Probot's `createProbot` reads, with the server's defaults: `LOG_LEVEL` info, so each
 * event and its outcome is logged (Probot's own default is warn, which says nothing while it works), and
 * `LOG_FORMAT` json with `NODE_ENV=production` (Probot's own default is pretty lines everywhere, which a
 * log collector cannot read). An explicit `LOG_FORMAT` wins.
 */
export function probotEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const format = env.LOG_FORMAT || (env.NODE_ENV === 'production' ? 'json' : undefined);
  return { ...env, LOG_LEVEL: env.LOG_LEVEL || 'info', ...(format ? { LOG_FORMAT: format } : {}) };
}
