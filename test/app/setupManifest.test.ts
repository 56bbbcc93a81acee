import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HANDLED_EVENTS } from '../../src/app/createAppFn.js';
import { startSetup } from '../../src/app/startSetup.js';
import { captureLog } from '../support/captureLog.js';
import { freePort, listenOnLoopback } from '../support/ports.js';

const saved = { WEBHOOK_PROXY_URL: process.env.WEBHOOK_PROXY_URL, NO_SMEE_SETUP: process.env.NO_SMEE_SETUP };
let server: Server | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** `npm start` without APP_ID: Probot's setup page, as main.ts starts it; the manifest the page would POST to GitHub. */
async function servedManifest(smeeChannel: string | undefined): Promise<{ manifest: Record<string, unknown>; base: string }> {
  const port = await freePort();
  const written: Record<string, string>[] = [];
  server = await startSetup(
    { PORT: String(port), HOST: '127.0.0.1' },
    {
      // No network: the channel smee.io would create, and no .env written (Probot's updateEnv also sets process.env).
      SmeeClient: { createChannel: async () => smeeChannel },
      updateEnv: (env) => {
        written.push(env as Record<string, string>);
        Object.assign(process.env, env);
        return env as Record<string, string>;
      },
      log: captureLog().log,
    },
  );
  if (smeeChannel) expect(written).toEqual([{ WEBHOOK_PROXY_URL: smeeChannel }]);
  const base = `http://127.0.0.1:${port}`;
  const res = await fetch(`${base}/probot`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const value = /name="manifest" id="manifest" value='([^']*)'/.exec(html)?.[1];
  expect(value, 'the setup page carries the manifest').toBeDefined();
  return { manifest: JSON.parse(value!) as Record<string, unknown>, base };
}

describe('the app manifest Probot\'s setup page serves', () => {
  it('sends webhooks to the smee.io channel the setup flow created', async () => {
    delete process.env.WEBHOOK_PROXY_URL;
    delete process.env.NO_SMEE_SETUP;
    const { manifest, base } = await servedManifest('https://smee.io/agency-test-channel');
    expect(manifest.hook_attributes).toEqual({ url: 'https://smee.io/agency-test-channel' });
    expect(manifest.redirect_url).toBe(`${base}/probot/setup`);
    expect(manifest.name).toBe('Agency Architect');
    expect(manifest.public).toBe(false);
    expect(manifest.default_permissions).toEqual({ contents: 'write', issues: 'write', pull_requests: 'write', checks: 'write', metadata: 'read' });
  });

  it('without a channel, sends webhooks to the server\'s base URL (which startServer accepts webhooks at)', async () => {
    delete process.env.WEBHOOK_PROXY_URL;
    process.env.NO_SMEE_SETUP = 'true';
    const { manifest, base } = await servedManifest(undefined);
    // test/app/webhookIntake.test.ts sends a signed webhook to this URL and sees it run.
    expect(manifest.hook_attributes).toEqual({ url: `${base}/` });
  });
});

describe('the setup flow on a port already in use', () => {
  it('fails with one sentence naming the port, and Probot logs no stack trace', async () => {
    const taken = createServer();
    const port = await listenOnLoopback(taken);
    const captured = captureLog();
    try {
      await expect(startSetup({ PORT: String(port), HOST: '127.0.0.1' }, { SmeeClient: { createChannel: async () => undefined }, log: captured.log })).rejects.toThrow(
        new Error(`127.0.0.1 port ${port} is already in use: stop what listens there or set PORT to a free port`),
      );
      expect(JSON.stringify(captured.lines())).not.toMatch(/EADDRINUSE|stack/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe('app.yml events', () => {
  it('subscribes to exactly the events the app handles', () => {
    const app = parse(readFileSync('app.yml', 'utf8')) as { default_events: string[]; hook_attributes?: unknown };
    const handled = [...new Set(HANDLED_EVENTS.map((e) => e.split('.')[0]!))].sort();
    expect([...app.default_events].sort()).toEqual(handled);
    expect(app.hook_attributes).toBeUndefined();
  });
});
