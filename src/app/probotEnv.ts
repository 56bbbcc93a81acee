/**
 * The environment Probot's `createProbot` reads, with the server's defaults: `LOG_LEVEL` info, so each
 * event and its outcome is logged (Probot's own default is warn, which says nothing while it works).
 * `LOG_FORMAT=json` (Probot's variable) prints JSON lines; unset, pretty lines (JSON in production).
 */
export function probotEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, LOG_LEVEL: env.LOG_LEVEL || 'info' };
}
