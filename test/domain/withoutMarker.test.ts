import { describe, expect, it } from 'vitest';
import { decodeMarker, encodeMarker } from '../../src/domain/marker.js';
import { withoutMarker } from '../../src/domain/withoutMarker.js';

describe('withoutMarker', () => {
  const marker = encodeMarker({ family: 'plan', points: ['91ac3c0a'], decisions: [] });

  it('drops the marker the app writes, and keeps everything a reader sees', () => {
    const body = `## Plan\n\n- [ ] a task\n\n${marker}\n`;
    expect(decodeMarker(body)).toBeDefined();
    expect(withoutMarker(body)).toBe('## Plan\n\n- [ ] a task');
  });

  it('leaves a body without a marker, or with an unclosed one, as it is', () => {
    expect(withoutMarker('## Review\n\nNo findings.')).toBe('## Review\n\nNo findings.');
    expect(withoutMarker('text <!-- agency-architect:{"v":2')).toBe('text <!-- agency-architect:{"v":2');
  });
});
