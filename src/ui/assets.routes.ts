import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/** The USWDS distribution folder (css, fonts, img, js), found through the package itself. */
const uswdsRoot = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@uswds/uswds')), '..');
const siteCss = new URL('./site.css', import.meta.url);

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * The file under `root` that `relative` names, or undefined when it escapes the folder, has an
 * unknown type, or is not a file. Decoded traversal (`..`, `%2e%2e`) and NUL bytes are refused.
 */
export async function resolveAsset(root: string, relative: string): Promise<{ file: string; type: string } | undefined> {
  if (relative.includes('\0') || relative.includes('\\')) return undefined;
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return undefined;
  const type = contentTypes[path.extname(file).toLowerCase()];
  if (!type) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? { file, type } : undefined;
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
}

/** Static files: the USWDS assets at /assets/uswds/… and ctip's own stylesheet. No directory listings. */
export const assetRoutes: FastifyPluginAsync = async (app) => {
  app.get('/assets/site.css', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(await readFile(siteCss, 'utf8')),
  );

  app.get('/assets/uswds/*', { schema: { hide: true } }, async (request, reply) => {
    const relative = (request.params as { '*': string })['*'];
    const asset = await resolveAsset(uswdsRoot, relative);
    if (!asset) return notFound(reply);
    // The files change only with the USWDS version, so clients may keep them for a day.
    return reply
      .type(asset.type)
      .header('cache-control', 'public, max-age=86400')
      .send(await readFile(asset.file));
  });
};
