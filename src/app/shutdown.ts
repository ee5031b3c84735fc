import type { FastifyInstance } from 'fastify';

export type ShutdownOptions = {
  app: FastifyInstance;
  /** Closes the database once no request needs it (PGlite writes its files on close). */
  closeDatabase: () => Promise<void>;
  /** How long requests in flight may take to finish before their connections are cut. */
  timeoutMs: number;
  log: (line: string) => void;
  /** Ends the process; tests pass their own. */
  exit?: (code: number) => void;
};

/**
 * Stops the server in order: no new connections, requests in flight finish (at most
 * `timeoutMs`, then their connections are cut), the database closes, the process exits — 0 when
 * everything finished, 1 when requests had to be cut or closing failed. A second signal while
 * stopping is ignored: the first one is already doing the work.
 */
export function createShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<void> | undefined;
  return (signal: string) => {
    stopping ??= (async () => {
      options.log(`${signal}: no new requests; waiting up to ${options.timeoutMs / 1000} s for those in flight`);
      let code = 0;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
      });
      const closed = options.app.close().then(() => 'closed' as const);
      // A keep-alive connection whose request finishes after closing began stays open (and
      // keeps the server from closing) until it is reaped: reap idle ones as they appear.
      const reaper = setInterval(() => options.app.server.closeIdleConnections(), 50);
      try {
        if ((await Promise.race([closed, timedOut])) === 'timeout') {
          options.log('Requests still in flight after the shutdown timeout: cutting their connections');
          options.app.server.closeAllConnections();
          code = 1;
          await closed;
        }
      } catch (error) {
        options.log(`Stopping the server failed: ${error instanceof Error ? error.message : String(error)}`);
        code = 1;
      } finally {
        clearTimeout(timer);
        clearInterval(reaper);
      }
      try {
        await options.closeDatabase();
      } catch (error) {
        options.log(`Closing the database failed: ${error instanceof Error ? error.message : String(error)}`);
        code = 1;
      }
      options.log(code === 0 ? 'Stopped cleanly.' : 'Stopped, with the problems above.');
      exit(code);
    })();
    return stopping;
  };
}

/** Runs `shutdown` on SIGTERM and SIGINT. */
export function installShutdownSignals(shutdown: (signal: string) => Promise<void>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
}
