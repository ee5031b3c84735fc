import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing; images other than SVG, fonts and archives already are. */
const compressible = /^(?:text\/|image\/svg\+xml|application\/(?:json|xml|javascript|[a-z.+-]*\+(?:json|xml))\b)/i;
/** Below this size the headers outweigh the saving. */
const minimumBytes = 1024;
/** Brotli's quality 5 compresses close to its best at a fraction of the time of 11 (the default). */
const brotliParams = { [constants.BROTLI_PARAM_QUALITY]: 5 };

type Encoding = 'br' | 'gzip';

/** The encoding to answer with: brotli, else gzip, when the client accepts it (a q of 0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...parameters] = part.trim().split(';');
    if (!name) continue;
    const q = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get('*');
  const quality = (name: Encoding) => accepted.get(name) ?? wildcard ?? 0;
  if (quality('br') > 0 && quality('br') >= quality('gzip')) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return undefined;
}

function isStream(payload: unknown): payload is Readable {
  return typeof (payload as Readable | null)?.pipe === 'function';
}

/**
 * Compresses text responses with node:zlib (brotli or gzip, as the client accepts): pages,
 * JSON, CSS, SVG and the streamed downloads. Responses that already carry an encoding, are
 * empty or are small pass through unchanged.
 */
export function installCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (payload === null || payload === undefined || reply.getHeader('content-encoding')) return payload;
    if (reply.statusCode === 204 || reply.statusCode === 304) return payload;
    if (!compressible.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const vary = String(reply.getHeader('vary') ?? '');
    if (!/accept-encoding/i.test(vary)) void reply.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) return payload;
    if (isStream(payload)) {
      reply.removeHeader('content-length');
      void reply.header('content-encoding', encoding);
      const compressor = encoding === 'br' ? createBrotliCompress({ params: brotliParams }) : createGzip();
      // pipeline destroys the compressor when the source fails, so the reply ends instead of hanging.
      return pipeline(payload, compressor, () => {});
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (bytes.length < minimumBytes) return payload;
    const compressed = encoding === 'br' ? await brotli(bytes, { params: brotliParams }) : await gzipAsync(bytes);
    reply.removeHeader('content-length');
    void reply.header('content-encoding', encoding);
    return compressed;
  });
}
