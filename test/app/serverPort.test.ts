import { describe, expect, it } from 'vitest';
import { serverPort } from '../../src/app/serverPort.js';

describe('serverPort', () => {
  it('is PORT, or 3000 when PORT is unset or empty (an empty PORT= in .env is not port 0, a random port)', () => {
    expect(serverPort({ PORT: '8080' })).toBe(8080);
    expect(serverPort({})).toBe(3000);
    expect(serverPort({ PORT: '' })).toBe(3000);
  });
});
