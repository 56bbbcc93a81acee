import { describe, expect, it } from 'vitest';
import { listenProblem } from '../../src/app/listenProblem.js';

const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe('listenProblem', () => {
  it('names the port and the variable to change for each way listening fails', () => {
    expect(listenProblem(failure('EADDRINUSE'), 3000, undefined)).toBe('all interfaces port 3000 is already in use: stop what listens there or set PORT to a free port');
    expect(listenProblem(failure('EACCES'), 80, '0.0.0.0')).toBe('0.0.0.0 port 80 needs privileges this process lacks: set PORT above 1023');
    expect(listenProblem(failure('EADDRNOTAVAIL'), 3000, '10.9.9.9')).toBe('HOST 10.9.9.9 is not an address of this machine: set HOST, or leave it empty for all interfaces');
    expect(listenProblem(failure('EMFILE'), 3000, '127.0.0.1')).toBe('cannot listen on 127.0.0.1 port 3000: listen EMFILE');
  });
});
