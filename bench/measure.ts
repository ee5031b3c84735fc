import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export type Measured<T> = {
  result: T;
  ms: number;
  /** Resident set size when the step started. */
  startRssBytes: number;
  /** Highest resident set size seen during the step (this process only). */
  peakRssBytes: number;
};

const sampleEveryMs = 50;

/**
 * Exposes V8's collector without changing the `npm run bench` command line: collecting before
 * each step makes its peak memory about that step rather than garbage left by the one before.
 */
function getCollector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return gc ?? (() => {});
}

const collectGarbage = getCollector();

/**
 * Runs one step and measures wall time and peak RSS. RSS is sampled every 50 ms, but a timer
 * cannot fire while PGlite's WASM runs synchronously, so the kernel's high-water mark
 * (resourceUsage().maxRSS) is read as well: when it rose during the step, the step set it.
 */
export async function measureStep<T>(run: () => Promise<T>): Promise<Measured<T>> {
  collectGarbage();
  const startRssBytes = process.memoryUsage.rss();
  const startMaxRssBytes = process.resourceUsage().maxRSS * 1024;
  let sampledPeak = startRssBytes;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, sampleEveryMs);
  sampler.unref();
  const started = performance.now();
  try {
    const result = await run();
    const ms = performance.now() - started;
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
    const endMaxRssBytes = process.resourceUsage().maxRSS * 1024;
    const peakRssBytes = endMaxRssBytes > startMaxRssBytes ? Math.max(endMaxRssBytes, sampledPeak) : sampledPeak;
    return { result, ms, startRssBytes, peakRssBytes };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Rejects when `run` takes longer than `limitMs`. The work itself cannot be cancelled; the
 * caller closes the database it uses, which makes the abandoned work fail fast.
 */
export async function runWithTimeLimit<T>(run: () => Promise<T>, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(limitMs)), limitMs);
  });
  try {
    return await Promise.race([run(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

export class TimeLimitError extends Error {
  constructor(readonly limitMs: number) {
    super(`stopped after ${Math.round(limitMs / 60_000)} min`);
  }
}
