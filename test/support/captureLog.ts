/**
 * A pino logger (the kind Probot uses) writing JSON lines into memory, so tests read what the app logs:
 * `createTestProbot(url, { log: captured.log })` or `startTestApp({ log: captured.log })`.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from 'probot';

export interface CapturedLog {
  log: Logger;
  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Bytes written so far. */
  bytes(): number;
  text(): string;
}

export function captureLog(level = 'info'): CapturedLog {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  const log = pino({ level, name: 'probot' }, stream) as unknown as Logger;
  return {
    log,
    lines: () => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
    bytes: () => Buffer.byteLength(text),
    text: () => text,
  };
}
