import { describe, expect, it } from 'vitest';
import { decodeMarker, encodeMarker, MARKER_VERSION } from '../../src/domain/marker.js';

describe('the versioned marker', () => {
  it('round-trips its fields and writes the version', () => {
    const data = { family: 'plan', deliveries: ['d-1'], decisions: [{ title: 'Use Postgres', decision: 'All data in Postgres.', rationale: 'One store.', alternatives: ['MongoDB'] }], points: ['0badcafe'] };
    const encoded = encodeMarker(data);
    expect(encoded).toContain(`{"v":${MARKER_VERSION},"family":"plan"`);
    expect(decodeMarker(`text\n\n${encoded}`)).toEqual(data);
  });

  it('reads markers written before versioning', () => {
    expect(decodeMarker('<!-- agency-architect:{"family":"review","shas":["abc"]} -->')).toEqual({ family: 'review', shas: ['abc'] });
  });

  it('treats a marker that does not validate as absent', () => {
    expect(decodeMarker('<!-- agency-architect:{"family":""} -->')).toBeUndefined();
    expect(decodeMarker('<!-- agency-architect:{"family":"plan","shas":"abc"} -->')).toBeUndefined();
    const many = JSON.stringify({ family: 'plan', decisions: Array.from({ length: 51 }, () => ({ title: 't', decision: 'd', rationale: 'r', alternatives: [] })) });
    expect(decodeMarker(`<!-- agency-architect:${many} -->`)).toBeUndefined();
    expect(decodeMarker('<!-- agency-architect:{not json} -->')).toBeUndefined();
  });

  it('never lets data close the HTML comment early', () => {
    const encoded = encodeMarker({ family: 'plan', decisions: [{ title: 'a --> b', decision: '<!-- x -->', rationale: '', alternatives: [] }] });
    expect(encoded.indexOf('-->')).toBe(encoded.length - 3);
    expect(decodeMarker(encoded)?.decisions?.[0]?.title).toBe('a --> b');
  });
});
