// "No test touches the internet", enforced: loaded into every vitest worker (test/support/loopbackGuard.ts)
// and, through NODE_OPTIONS, into the processes the tests start. A connection or DNS lookup for a host
// other than this machine fails at once (no waiting on a resolver that CI may not have) and is appended
// to a file of the test that made it (LOOPBACK_ONLY_TEST) in LOOPBACK_ONLY_DIR; the guard fails that test
// file. One file per test file: workers running files side by side never write the same one.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const path = require('node:path');

/** The file a test file's reaches are recorded in (loopbackGuard.ts reads the same). */
function attemptsFile(dir, test) {
  return path.join(dir, `${encodeURIComponent(test).slice(-180)}.jsonl`);
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3}|0\.0\.0\.0|::)$/i;
const local = (host) => host === undefined || host === null || host === '' || LOOPBACK.test(String(host).replace(/^\[|\]$/g, ''));

function refuse(host, port) {
  const test = process.env.LOOPBACK_ONLY_TEST ?? '';
  const entry = { host: String(host), port: port === undefined ? undefined : Number(port), test, argv: process.argv.slice(1, 3).join(' ') };
  if (process.env.LOOPBACK_ONLY_DIR) {
    try {
      fs.appendFileSync(attemptsFile(process.env.LOOPBACK_ONLY_DIR, test), `${JSON.stringify(entry)}\n`);
    } catch {
      // The error below still fails the connection.
    }
  }
  return Object.assign(new Error(`a test reached for ${host}${port === undefined ? '' : `:${port}`}: tests talk only to 127.0.0.1 (test/support/loopbackOnly.cjs)`), { code: 'ENETUNREACH' });
}

if (!globalThis.__loopbackOnly) {
  globalThis.__loopbackOnly = true;
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    const first = args[0];
    const options = Array.isArray(first) ? first[0] : first;
    if (options !== null && typeof options === 'object' && options.path === undefined && !local(options.host)) {
      const error = refuse(options.host, options.port);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    if ((typeof first === 'number' || typeof first === 'string') && typeof args[1] === 'string' && !local(args[1]) && !Number.isNaN(Number(first))) {
      const error = refuse(args[1], first);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return connect.apply(this, args);
  };
  const lookup = dns.lookup;
  dns.lookup = function (host, ...rest) {
    if (local(host)) return lookup.call(this, host, ...rest);
    const callback = rest.find((r) => typeof r === 'function');
    const error = refuse(host);
    if (callback) process.nextTick(callback, error);
    return {};
  };
}

module.exports = { attemptsFile };
