// The load generator of the HTTP suite, run as its own Node process so that the requests it
// fires and the server answering them do not share an event loop. It only talks to 127.0.0.1,
// fires a bounded number of requests for a bounded time, and stops by itself.
import { setMaxListeners } from 'node:events';
import http from 'node:http';

/** What the suite asks one load process to do (passed as JSON in BENCH_HTTP_LOAD). */
export type LoadJob = {
  port: number;
  /** Requested in rotation: request i goes to paths[i % paths.length]. */
  paths: string[];
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
  /**
   * Requests still unanswered this long after maxSeconds are abandoned and counted as
   * unfinished; their waiting time so far stays in the latencies, as a lower bound.
   */
  drainSeconds: number;
  /** Each path up to this many times, one at a time, before the clock starts (one round only when a round is slow). */
  warmupRounds: number;
};

export type LatencySummary = { count: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; meanMs: number };

export type PathResult = LatencySummary & {
  path: string;
  /** The last warm-up request of this path, alone on the server: its latency without queueing. */
  aloneMs?: number;
  status: Record<string, number>;
  meanBytes: number;
};

export type LoadResult = LatencySummary & {
  requests: number;
  /** Answers that were not 2xx, and requests that failed outright (reset). */
  errors: number;
  /** Requests abandoned at the drain limit: the latency figures are then lower bounds. */
  unfinished: number;
  warmupRounds: number;
  seconds: number;
  requestsPerSecond: number;
  /** Why the run stopped: it reached maxRequests, or maxSeconds ran out. */
  stoppedBy: 'requests' | 'time';
  /** CPU this process used over the wall time (1.0 = one core busy): is the client the bottleneck? */
  clientCpu: number;
  paths: PathResult[];
};

type Sample = { pathIndex: number; ms: number; status: number; bytes: number };

/**
 * One GET over the keep-alive agent. Resolves with status 0 when the request failed, and -1 when
 * `signal` abandoned it (its time then is how long it had waited: a lower bound).
 */
function get(agent: http.Agent, port: number, path: string, signal?: AbortSignal): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number, bytes: number) => {
      if (settled) return;
      settled = true;
      resolve({ status: status === 0 && signal?.aborted ? -1 : status, bytes, ms: performance.now() - started });
    };
    const request = http.get({ host: '127.0.0.1', port, path, agent, signal, headers: { accept: '*/*' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => done(response.statusCode ?? 0, bytes));
      response.on('error', () => done(0, bytes));
      response.on('aborted', () => done(0, bytes));
    });
    request.on('error', () => done(0, 0));
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

const round = (value: number) => Math.round(value * 100) / 100;

export function summarizeLatencies(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : 0;
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted.at(-1) ?? 0),
    meanMs: round(mean),
  };
}

function summarizePath(path: string, samples: Sample[], aloneMs: number | undefined): PathResult {
  const status: Record<string, number> = {};
  for (const sample of samples) status[String(sample.status)] = (status[String(sample.status)] ?? 0) + 1;
  const bytes = samples.reduce((sum, sample) => sum + sample.bytes, 0);
  return {
    path,
    ...summarizeLatencies(samples.map((sample) => sample.ms)),
    ...(aloneMs === undefined ? {} : { aloneMs: round(aloneMs) }),
    status,
    meanBytes: samples.length ? Math.round(bytes / samples.length) : 0,
  };
}

/**
 * Sends each path once per round, one at a time, so the server has planned and cached every
 * query before the clock starts; a second round only when the first was quick. Returns the
 * latency of each path's last warm-up request, alone on the server, and the rounds done.
 */
async function warmUp(agent: http.Agent, job: LoadJob): Promise<{ aloneMs: number[]; rounds: number }> {
  const aloneMs: number[] = [];
  const started = performance.now();
  let rounds = 0;
  while (rounds < job.warmupRounds && (rounds === 0 || performance.now() - started < (job.maxSeconds * 1000) / 3)) {
    for (const [index, path] of job.paths.entries()) aloneMs[index] = (await get(agent, job.port, path)).ms;
    rounds += 1;
  }
  return { aloneMs, rounds };
}

/**
 * Warms up, then runs `concurrency` workers that each send one request at a time until
 * maxRequests have been sent or maxSeconds have passed. Requests in flight at that point are
 * waited for up to drainSeconds, then abandoned and counted as unfinished.
 */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const warm = await warmUp(agent, job);
  const samples: Sample[] = [];
  let issued = 0;
  let stoppedBy: LoadResult['stoppedBy'] = 'requests';
  const started = performance.now();
  const deadline = started + job.maxSeconds * 1000;
  const abandon = new AbortController();
  // Every request in flight listens on the one signal; more than Node's default of 10 is expected.
  setMaxListeners(job.concurrency * 2, abandon.signal);
  const drainTimer = setTimeout(() => abandon.abort(), (job.maxSeconds + job.drainSeconds) * 1000);
  const cpuAtStart = process.cpuUsage();
  const worker = async () => {
    while (issued < job.maxRequests) {
      if (performance.now() >= deadline) {
        stoppedBy = 'time';
        return;
      }
      const pathIndex = issued % job.paths.length;
      issued += 1;
      samples.push({ pathIndex, ...(await get(agent, job.port, job.paths[pathIndex]!, abandon.signal)) });
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  clearTimeout(drainTimer);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  agent.destroy();
  const answered = samples.filter((sample) => sample.status > 0);
  return {
    requests: answered.length,
    errors: samples.filter((sample) => sample.status >= 0 && (sample.status < 200 || sample.status >= 300)).length,
    unfinished: samples.length - answered.length,
    warmupRounds: warm.rounds,
    seconds: round(seconds),
    requestsPerSecond: round(answered.length / seconds),
    stoppedBy,
    clientCpu: round((cpu.user + cpu.system) / 1e6 / seconds),
    ...summarizeLatencies(samples.map((sample) => sample.ms)),
    paths: job.paths.map((path, index) =>
      summarizePath(
        path,
        samples.filter((sample) => sample.pathIndex === index),
        warm.aloneMs[index],
      ),
    ),
  };
}

// Started by http-suite.ts with an IPC channel: the job comes in the environment, the result
// goes back as one message, and the process exits.
if (process.env.BENCH_HTTP_LOAD) {
  try {
    const job = JSON.parse(process.env.BENCH_HTTP_LOAD) as LoadJob;
    const result = await runLoad(job);
    await new Promise<void>((resolve) => process.send!(result, () => resolve()));
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
  process.disconnect?.();
}
