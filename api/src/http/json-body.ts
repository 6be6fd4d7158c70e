import type { MiddlewareHandler } from 'hono';
import { ProblemError } from './problem.js';

export const MAX_BODY_BYTES = 16 * 1024;

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The client went away before its request was read: nobody is left to answer. */
export class ClientGoneError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the client closed the connection before its request was read', options);
    this.name = 'ClientGoneError';
  }
}

async function readLimited(request: Request): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  // Counted while streaming: a chunked body has no Content-Length to trust.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      throw new ClientGoneError({ cause: error });
    });
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const tooLarge = () =>
  new ProblemError(413, `Request body must be at most ${MAX_BODY_BYTES} bytes`, {
    errors: [{ field: 'body', in: 'body', message: `must be at most ${MAX_BODY_BYTES} bytes` }],
  });

/**
 * Guards every request that carries a body: JSON only (415), at most 16 KiB (413), valid
 * UTF-8 and valid JSON (400). The route's zod schema then judges the shape.
 */
export const jsonBody: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'POST' && c.req.method !== 'PATCH' && c.req.method !== 'PUT') {
    return next();
  }
  // A request without a body (POST /v1/account) has nothing to check; a route that needs one
  // says so in its schema.
  const empty = c.req.raw.body === null || c.req.header('content-length') === '0';
  if (empty && !c.req.header('content-type')) return next();
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new ProblemError(415, 'Request body must be JSON (Content-Type: application/json)', {
      errors: [{ field: 'content-type', in: 'header', message: 'must be application/json' }],
    });
  }
  const bytes = await readLimited(c.req.raw);
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
    JSON.parse(text);
  } catch {
    throw new ProblemError(400, 'Request body is not valid UTF-8 JSON', {
      errors: [{ field: 'body', in: 'body', message: 'must be valid JSON encoded as UTF-8' }],
    });
  }
  // The body stream is spent; hand the checked text to the validators through Hono's cache.
  // Hono's json() parses its cached text; a cached parsed value would be re-serialised first,
  // which throws on deeply nested input (JSON.stringify recurses, JSON.parse does not).
  // (Hono types the cache as values; at run time it holds promises of them.)
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  return next();
};
