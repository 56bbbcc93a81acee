import { existsSync, readFileSync } from 'node:fs';
import { createProbot } from 'probot';
import { loadBuiltinAgents } from '../agents/builtinAgents.js';
import { appSecrets, redactDeep } from '../security/redactor.js';
import { createSecurityDeps } from '../security/SecurityDeps.js';
import { appOctokit } from './appOctokit.js';
import { durableBackend } from './durableBackend.js';
import { probotEnv } from './probotEnv.js';
import { createEventProcessor } from './eventProcessor.js';
import { shutdownOnSignal } from './shutdownOnSignal.js';
import { startupProblem } from './startupProblem.js';

/**
 * `npm run worker`: only workers, no HTTP server. Takes jobs from the Redis queue (REDIS_URL) that
 * `npm start` processes fill; run as many as the load needs. SIGTERM drains: no new jobs, running
 * ones finish within the grace, the rest go back to Redis for another worker.
 */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = process.env;
  if (!env.REDIS_URL) fail('REDIS_URL must be set: workers take their jobs from Redis (see README, "Durable queue").');
  const problem = startupProblem({ ...env, WEBHOOK_SECRET: env.WEBHOOK_SECRET || 'not needed by a worker' });
  if (problem) fail(problem === 'setup' ? 'APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) must be set; see .env.example.' : problem);
  const secrets = [...appSecrets(env), ...(env.PRIVATE_KEY_PATH && existsSync(env.PRIVATE_KEY_PATH) ? [readFileSync(env.PRIVATE_KEY_PATH, 'utf8')] : []), env.ANTHROPIC_API_KEY];
  const security0 = createSecurityDeps(secrets);
  const durable = durableBackend(env, {
    warn: (f, m) => log().warn(redactDeep(f, security0.redact), security0.redact(m)),
    error: (f, m) => log().error(redactDeep(f, security0.redact), security0.redact(m)),
  })!;
  // Writes paced per installation at GitHub's documented limits, one budget in Redis for every process (README "Rate limits").
  const pacer = durable.pacer;
  const probot = createProbot({ env: probotEnv(env), overrides: { Octokit: appOctokit({ pacer }), redisConfig: undefined } });
  // Redis reports connection errors asynchronously, by then `probot` exists.
  function log() {
    return probot.log ?? { warn: console.warn, error: console.error, info: console.info };
  }
  const security = createSecurityDeps(secrets, durable.state);
  const processor = createEventProcessor(probot, {
    env: { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL },
    builtinAgents: await loadBuiltinAgents(),
    state: durable.state,
    security,
    serverUrl: env.GHE_HOST ? `${env.GHE_PROTOCOL || 'https'}://${env.GHE_HOST}` : undefined,
    pacer,
  });
  durable.queue.work(processor);
  log().info(`worker: taking jobs from Redis; engine: ${env.ANTHROPIC_API_KEY ? 'Claude' : 'offline (no ANTHROPIC_API_KEY)'}`);
  shutdownOnSignal(
    process,
    { stop: async (grace = 25_000) => void (await durable.queue.shutdown(grace), durable.close()) },
    { info: (m) => log().info(m), error: (m) => log().error(m) },
    (code) => process.exit(code),
  );
}

function fail(message: string): never {
  console.error(`agency-architect worker: ${message}`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(`agency-architect worker: failed to start: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
});
