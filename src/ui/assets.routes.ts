import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { stylesheets, uswdsRoot } from './stylesheets.ts';

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

/** A file whose name holds its content hash never changes: clients keep it a year without asking again. */
const immutable = 'public, max-age=31536000, immutable';

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

async function sendUswdsFile(reply: FastifyReply, relative: string): Promise<FastifyReply> {
  const asset = await resolveAsset(uswdsRoot, relative);
  if (!asset) return notFound(reply);
  // The files change only with the USWDS version, so clients may keep them for a day.
  return reply
    .type(asset.type)
    .header('cache-control', 'public, max-age=86400')
    .send(await readFile(asset.file));
}

/**
 * Static files: the stylesheets under content-hashed names (USWDS trimmed to the classes the pages
 * use, and ctip's own), the other USWDS assets at /assets/uswds/…, the favicon. No directory listings.
 */
export const assetRoutes: FastifyPluginAsync = async (app) => {
  app.get('/assets/site.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheets().site.css),
  );

  app.get('/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const { site } = stylesheets();
    if ((request.params as { file: string }).file !== `site.${site.hash}.css`) return notFound(reply);
    return reply.type('text/css; charset=utf-8').header('cache-control', immutable).send(site.css);
  });

  app.get('/assets/uswds/css/:file', { schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    const { uswds } = stylesheets();
    if (file === `uswds.${uswds.hash}.css`) return reply.type('text/css; charset=utf-8').header('cache-control', immutable).send(uswds.css);
    return sendUswdsFile(reply, `css/${file}`);
  });

  app.get('/assets/uswds/*', { schema: { hide: true } }, async (request, reply) =>
    sendUswdsFile(reply, (request.params as { '*': string })['*']),
  );

  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => {
    const icon = await readFile(path.join(uswdsRoot, 'img', 'favicons', 'favicon.ico'));
    return reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(icon);
  });
};
