import { describe, expect, it } from 'vitest';
import { termPattern } from '../../src/model/offline/termPattern.js';

const matches = (term: string, text: string): string[] => [...text.matchAll(termPattern(term))].map((m) => m[0]);

describe('termPattern', () => {
  it('matches whole words only, case-insensitively', () => {
    expect(matches('cache', 'Cache the CACHE')).toEqual(['Cache', 'CACHE']);
    expect(matches('cache', 'cashier cachet precache')).toEqual([]);
    expect(matches('api', 'rapid apiary')).toEqual([]);
  });

  it('tolerates plural forms of the last word', () => {
    expect(matches('tenant', 'tenants')).toEqual(['tenants']);
    expect(matches('query', 'two queries')).toEqual(['queries']);
    expect(matches('search', 'searches')).toEqual(['searches']);
  });

  it('matches multi-word terms joined, spaced or hyphenated', () => {
    expect(matches('real time', 'realtime, real-time and real time')).toEqual(['realtime', 'real-time', 'real time']);
    expect(matches('pub sub', 'pub/sub')).toEqual(['pub/sub']);
  });

  it('treats a trailing star as any ending', () => {
    expect(matches('notif*', 'notify, notifications, notified')).toEqual(['notify', 'notifications', 'notified']);
    expect(matches('notif*', 'unnotified')).toEqual([]);
  });

  it('escapes regex characters in terms', () => {
    expect(matches('socket.io', 'socket.io and socketxio')).toEqual(['socket.io']);
  });

  it('uses Unicode-aware boundaries', () => {
    expect(matches('cache', 'écache')).toEqual([]);
    expect(matches('cache', 'cache—done')).toEqual(['cache']);
  });

  it('rejects an empty term', () => {
    expect(() => termPattern(' * ')).toThrow(/empty term/);
  });
});
