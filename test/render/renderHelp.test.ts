import { describe, expect, it } from 'vitest';
import { ConfigSchema, DEFAULT_CONFIG } from '../../src/config/configSchema.js';
import { decodeMarker } from '../../src/domain/marker.js';
import { renderHelp } from '../../src/render/renderHelp.js';
import { renderNotAllowed } from '../../src/render/renderNotAllowed.js';
import { COMMANDS } from '../../src/domain/commands.js';

const marker = { family: 'help' };

function commandRows(body: string): string[] {
  return body.split('\n').filter((l) => l.startsWith('| `/agency:'));
}

describe('renderHelp', () => {
  it('lists every command of the default config and who may run them', async () => {
    const body = renderHelp(DEFAULT_CONFIG, { marker });
    await expect(body).toMatchFileSnapshot('__snapshots__/help.md');
    expect(commandRows(body)).toHaveLength(COMMANDS.length);
    expect(body).toContain('people with **write**, **maintain** or **admin** access');
    expect(decodeMarker(body)).toEqual(marker);
  });

  it('lists only enabled commands and explains a disabled one', () => {
    const config = ConfigSchema.parse({ commands: ['plan', 'review', 'help'], permission: 'maintain', label: 'api' });
    const body = renderHelp(config, { requested: 'optimize', marker });
    expect(commandRows(body).map((r) => r.split(' | ')[0])).toEqual(['| `/agency:plan [context]`', '| `/agency:review`', '| `/agency:help`']);
    expect(body).toContain('> ℹ️ `/agency:optimize` is turned off in this repository');
    expect(body).toContain('people with **maintain** or **admin** access');
    expect(body).toContain('Labeling an issue `api` asks for a plan');
  });

  it('says an unknown command is unknown, echoing it inertly and shortened', () => {
    const body = renderHelp(DEFAULT_CONFIG, { requested: `deploy\`@everyone${'x'.repeat(80)}`, marker });
    expect(body).toMatch(/> ℹ️ ``\/agency:deploy`@everyonex+…`` is not an Agency Architect command/);
    expect(body).not.toContain('x'.repeat(60));
  });

  it('adds no note for a plain /agency:help', () => {
    expect(renderHelp(DEFAULT_CONFIG, { requested: 'help', marker })).not.toContain('> ℹ️');
  });

  it('says when no command is enabled', () => {
    const body = renderHelp(ConfigSchema.parse({ commands: [] }), { marker });
    expect(body).toContain('No commands are enabled');
    expect(commandRows(body)).toHaveLength(0);
  });
});

describe('renderNotAllowed', () => {
  it('is a short polite answer naming who may run commands', async () => {
    const body = renderNotAllowed(DEFAULT_CONFIG, { marker: { family: 'not-allowed' } });
    await expect(body).toMatchFileSnapshot('__snapshots__/not-allowed.md');
    expect(body.length).toBeLessThan(400);
    expect(decodeMarker(body)).toEqual({ family: 'not-allowed' });
  });

  it('says nothing about the user’s own permission', () => {
    const body = renderNotAllowed({ permission: 'admin' });
    expect(body).toContain('people with **admin** access');
    expect(body).not.toMatch(/\byou (only )?have\b|\byour (permission|access)\b|\bread access\b|\btriage\b/i);
    expect(body).not.toContain('agency-architect:');
  });
});
