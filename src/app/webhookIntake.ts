import type { IncomingMessage, ServerResponse } from 'node:http';

/** GitHub caps webhook payloads at 25 MB and does not deliver larger ones (https://docs.github.com/en/webhooks/webhook-events-and-payloads#payload-cap). */
export const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024;

/** How far past the limit a refused streamed body is read (into nothing) so the client gets its 413. */
const DISCARD_FACTOR = 4;

export interface IntakeOptions {
  /** The webhook path Probot's middleware serves. */
  path: string;
  /** HMAC check of the exact body against the app's webhook secret (Probot's `webhooks.verify`). */
  verify(body: string, signature: string): Promise<boolean>;
  log: { warn(fields: Record<string, unknown>, message: string): void };
  limitBytes?: number;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;

/** A header as a short, printable string for one log line: a forged request chooses its headers. */
const short = (value: string | string[] | undefined): string => String(value ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 64);

function refuse(res: ServerResponse, status: number, error: string): void {
  const body = JSON.stringify({ error });
  // `connection: close`: the rest of a refused body is not read, so the connection cannot be reused.
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
}

/**
 * In front of Probot's webhook middleware: the body is read here, at most `limitBytes` (413 before
 * buffering more, from Content-Length or while streaming), and its signature checked, so a forged or
 * oversized request costs one short log line and no payload in the log (Probot's own error path logs
 * the whole event). A verified body is handed on as `req.body`, which Probot's middleware reads
 * instead of the stream. Also accepts webhooks at `/`: the URL Probot's setup flow registers when no
 * smee.io channel is used is the server's base URL.
 */
export function webhookIntake(middleware: Middleware, options: IntakeOptions): Middleware {
  const limit = options.limitBytes ?? WEBHOOK_BODY_LIMIT;
  return (req, res, next) => {
    if (req.method === 'POST' && req.url === '/' && req.headers['x-github-event'] !== undefined) req.url = options.path;
    const pathname = (req.url ?? '').split('?')[0]!.replace(/\/+$/, '');
    if (req.method !== 'POST' || pathname !== options.path) return middleware(req, res, next);
    const who = { event: short(req.headers['x-github-event']), delivery: short(req.headers['x-github-delivery']) };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      options.log.warn({ ...who, bytes: declared }, `webhook refused: ${declared} bytes is over GitHub's ${limit}-byte payload cap`);
      refuse(res, 413, `payload over ${limit} bytes`);
      return undefined;
    }
    return readBody(req, limit).then(
      async (body) => {
        if (body === undefined) {
          options.log.warn({ ...who, bytes: `>${limit}` }, `webhook refused: body over GitHub's ${limit}-byte payload cap`);
          refuse(res, 413, `payload over ${limit} bytes`);
          return;
        }
        const signature = req.headers['x-hub-signature-256'];
        // A missing signature (or event, delivery, content type) is answered by Probot's middleware with a
        // 400 or 415 and no log line; a present one must match.
        if (typeof signature === 'string' && !(await options.verify(body, signature).catch(() => false))) {
          options.log.warn({ ...who, bytes: Buffer.byteLength(body) }, 'webhook refused: signature does not match the webhook secret (WEBHOOK_SECRET)');
          refuse(res, 400, 'signature does not match event payload and secret');
          return;
        }
        (req as IncomingMessage & { body?: string }).body = body;
        await middleware(req, res, next);
      },
      () => {
        // The client went away mid-body: nothing to answer.
        if (!res.headersSent) res.destroy();
      },
    );
  };
}

/**
 * The body as UTF-8 text, or undefined once it passes `limit` bytes (the rest is not buffered). Past the
 * limit the stream is read into nothing to its end, and only then answered: a server that answers and
 * closes while the client is still sending resets the connection, and the client may lose the 413 with
 * the unread data. Past `limit * DISCARD_FACTOR` bytes it stops waiting (the connection is then reset).
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0;
      if (size > limit * DISCARD_FACTOR) resolve(undefined);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
