import { existsSync, readFileSync } from 'node:fs';
import { createProbot } from 'probot';
import { loadBuiltinAgents } from '../agents/builtinAgents.js';
import { startServer, WEBHOOK_PATH } from './startServer.js';
import { startSetup } from './startSetup.js';
import { probotEnv } from './probotEnv.js';
import { serverPort } from './serverPort.js';
import { devWebhookNotice } from './devWebhookNotice.js';
import { shutdownOnSignal } from './shutdownOnSignal.js';
import { startupProblem } from './startupProblem.js';
import { appSecrets } from '../security/redactor.js';
import { appOctokit } from './appOctokit.js';
import { WritePacer } from '../github/WritePacer.js';
import { durableBackend } from './durableBackend.js';

/**
 * `npm start`: the Probot server, configured only by Probot's and the Anthropic SDK's environment
 * variables. Without APP_ID in development, Probot's setup flow registers the app from app.yml.
 */
async function main(): Promise<void> {
  // `.env` (see .env.example) for local runs; variables already set in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = process.env;
  const problem = startupProblem(env);
  if (problem === 'setup') {
    // Probot's own manifest flow: open the printed URL to create the app from app.yml.
    await startSetup(env);
    return;
  }
  if (problem) {
    console.error(`agency-architect: ${problem}`);
    process.exit(1);
  }
  // REDIS_URL: the durable BullMQ queue, state and write pacing shared with `npm run worker` processes.
  const durable = durableBackend(env, { warn: (f, m) => log().warn(f, m), error: (f, m) => log().error(f, m) });
  // Writes paced per installation at GitHub's documented limits (README "Rate limits"), in Redis when every process must share them.
  const pacer = durable?.pacer ?? new WritePacer();
  // redisConfig: Probot would use REDIS_URL only for the throttling plugin's Bottleneck cluster (loading
  // ioredis with npx at start); the pacing replaces that plugin, so Probot gets no Redis of its own.
  const probot = createProbot({ env: probotEnv(env), overrides: { Octokit: appOctokit({ pacer }), redisConfig: undefined } });
  // Redis reports connection errors asynchronously, by then `probot` exists.
  function log() {
    return probot.log ?? { warn: console.warn, error: console.error, info: console.info };
  }
  const running = await startServer({
    ...(durable ? { queue: durable.queue, state: durable.state } : {}),
    // Deliveries that failed on GitHub's side (this server was down) are asked for again.
    reconcile: {},
    probot,
    port: serverPort(env),
    host: env.HOST || undefined,
    env: { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL },
    builtinAgents: await loadBuiltinAgents(),
    secrets: [...appSecrets(env), ...privateKeyFile(env.PRIVATE_KEY_PATH)],
    serverUrl: env.GHE_HOST ? `${env.GHE_PROTOCOL || 'https'}://${env.GHE_HOST}` : undefined,
    pacer,
  });
  probot.log.info(
    `listening on ${running.url}${WEBHOOK_PATH}; engine: ${env.ANTHROPIC_API_KEY ? 'Claude' : 'offline (no ANTHROPIC_API_KEY)'}; queue: ${durable ? 'Redis (REDIS_URL)' : 'in process'}`,
  );
  const notice = devWebhookNotice(env);
  if (notice) probot.log.warn(notice);
  if (env.WEBHOOK_PROXY_URL && env.NODE_ENV !== 'production') {
    // Development: forward webhooks from a smee.io channel to this server (smee-client is a dev dependency).
    const { default: SmeeClient } = await import('smee-client');
    const smee = new SmeeClient({ source: env.WEBHOOK_PROXY_URL, target: `${running.url}${WEBHOOK_PATH}`, logger: console });
    await smee.start();
  }
  const target = durable ? { stop: (grace?: number) => running.stop(grace).finally(() => durable.close()) } : running;
  shutdownOnSignal(process, target, { info: (m) => probot.log.info(m), error: (m) => probot.log.error(m) }, (code) => process.exit(code));
}

/** The key file's text when PRIVATE_KEY_PATH is set, so the key is redacted like PRIVATE_KEY would be. */
function privateKeyFile(path: string | undefined): string[] {
  if (!path) return [];
  try {
    return [readFileSync(path, 'utf8')];
  } catch {
    return [];
  }
}

main().catch((error: unknown) => {
  console.error(`agency-architect: failed to start: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
});
