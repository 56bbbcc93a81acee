import { describe, expect, it } from 'vitest';
import { decodeMarker } from '../../src/domain/marker.js';
import { OFFLINE_NOTICE, renderFooter } from '../../src/render/renderFooter.js';
import { CLAUDE_INFO, FALLBACK_INFO, OFFLINE_INFO } from './fixtures.js';

const marker = { family: 'plan', deliveries: ['72d3162e-cc78-11e3-81ab-4c9367dc0958'] };

describe('renderFooter', () => {
  it('says visibly that Claude was unavailable when the offline engine stood in', async () => {
    const footer = renderFooter({ marker, info: FALLBACK_INFO });
    await expect(footer).toMatchFileSnapshot('__snapshots__/footer-fallback.md');
    expect(footer.split('\n')[0]).toBe("> ⚠️ Claude was unavailable (model overloaded); this is the offline engine's result.");
    expect(footer).not.toContain(OFFLINE_NOTICE);
  });

  it('explains the offline engine when it was chosen', async () => {
    const footer = renderFooter({ marker, info: OFFLINE_INFO });
    await expect(footer).toMatchFileSnapshot('__snapshots__/footer-offline.md');
    expect(footer.split('\n')[0]).toBe(`> ℹ️ ${OFFLINE_NOTICE}`);
  });

  it('collapses the engine, model and tokens for Claude, with no notice', () => {
    const footer = renderFooter({ marker, info: { ...CLAUDE_INFO, usage: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0, cacheWriteTokens: 4096 } } });
    expect(footer.startsWith('<details>\n<summary>🏗️ Agency Architect · Claude</summary>')).toBe(true);
    expect(footer).toContain('| Tokens | 1,200 input · 300 output · 4,096 cache write |');
    expect(footer).not.toContain('cache read');
    expect(footer).not.toContain('> ');
  });

  it('puts the marker last, so it survives cutting and decodes', () => {
    for (const info of [CLAUDE_INFO, OFFLINE_INFO, FALLBACK_INFO, undefined]) {
      const footer = renderFooter({ marker, info });
      expect(footer.split('\n').at(-1)).toMatch(/^<!-- agency-architect:/);
      expect(decodeMarker(footer)).toEqual(marker);
    }
  });

  it('is only the marker when no engine was involved', () => {
    expect(renderFooter({ marker: { family: 'help' } })).toBe('<!-- agency-architect:{"v":2,"family":"help"} -->');
  });

  it('sanitises the fallback reason and the model id', () => {
    const footer = renderFooter({ marker, info: { engine: 'offline', model: 'a|`b', fallbackReason: '<b>rate</b> limited' } });
    expect(footer).toContain('(&lt;b&gt;rate&lt;/b&gt; limited)');
    expect(footer).toContain('| Model | ``a\\|`b`` |');
  });
});
