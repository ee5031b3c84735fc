import type { FastifyInstance } from 'fastify';

// The PDF renderer launches Chromium too; tests use the same launcher.
export { chromiumPath, isChromiumInstalled, launchBrowser } from '../assessment/chromium.ts';

/** Starts an app on a free loopback port and returns its base URL. */
export async function listenOnFreePort(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}
