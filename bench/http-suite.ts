// The HTTP suite of `npm run bench`: requests per second and latency of the programs API and the
// programs search page, each as a ratio to a bare Fastify route measured just before it in the
// same server process. Three processes per measurement: this one directs, a server process
// serves (http-server.ts), a load process fires the requests (http-load.ts).
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainUnavailable, listRequestedBackends, startBackendServer, type BackendName, type BackendServer } from './backends.ts';
import { generateSyntheticGrants } from './generate-synthetic-grants.ts';
import type { LoadJob, LoadResult } from './http-load.ts';
import { addHttpRatios, formatHttpReport, writeHttpResults, type HttpResults, type HttpRun, type HttpServerInfo } from './http-report.ts';
import { bareGroup, readHttpSettings, scenarioGroups, type DataSize, type HttpSettings, type ScenarioGroup } from './http-scenarios.ts';
import type { ServerJob, ServerMessage } from './http-server.ts';
import { describeMachine } from './report.ts';

const benchFolder = path.dirname(fileURLToPath(import.meta.url));
const demoFilePath = path.join(benchFolder, '..', 'demo', 'tip-grants', 'funding_original.csv');
const resultsFolder = path.join(benchFolder, 'results');

/** Programs per second assumed for a backend's import before this run has measured one. */
const assumedImportRate: Record<BackendName, number> = { pglite: 1_000, postgres: 2_000 };
const warmupRounds = 2;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function forkBench(script: string, env: Record<string, string>): ChildProcess {
  return fork(path.join(benchFolder, script), [], {
    env: { ...process.env, ...env },
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Waits for the first message matching `accept`, or rejects when the child exits or time runs out. */
function waitForMessage<T>(child: ChildProcess, accept: (message: T) => boolean, limitMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: T) => {
      if (!accept(message)) return;
      cleanUp();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanUp();
      reject(new Error(`the process exited with ${code ?? 'a signal'} before answering`));
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(new Error(`no answer within ${Math.round(limitMs / 1000)} s`));
    }, limitMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Runs one load process against `port` and returns what it measured. */
async function runLoadProcess(settings: HttpSettings, port: number, group: ScenarioGroup): Promise<LoadResult> {
  const job: LoadJob = {
    port,
    paths: group.paths,
    concurrency: settings.concurrency,
    maxRequests: settings.maxRequests,
    maxSeconds: settings.maxSeconds,
    drainSeconds: settings.maxSeconds * 2,
    warmupRounds,
  };
  const child = forkBench('http-load.ts', { BENCH_HTTP_LOAD: JSON.stringify(job) });
  try {
    // The warm-up (one slow round at most), the run, and the drain of requests in flight.
    return await waitForMessage<LoadResult>(child, () => true, (settings.maxSeconds * 3 + 300) * 1000);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** The status of one request, to tell a page that is not there (404) before loading it. */
function probe(port: number, pathname: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: pathname }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.setTimeout(60_000, () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** The server process's CPU seconds so far; undefined when it is too busy to answer within a minute. */
async function readServerCpuSeconds(server: ChildProcess): Promise<number | undefined> {
  server.send({ type: 'cpu' });
  try {
    const usage = await waitForMessage<ServerMessage>(server, (message) => message.type === 'cpu', 60_000);
    return usage.type === 'cpu' ? (usage.user + usage.system) / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Waits until the app has worked off requests abandoned by the last run: one cheap database
 * request queues behind them, and its answer means the next run starts on an idle server.
 */
async function settle(port: number): Promise<void> {
  await probe(port, '/api/programs?limit=1');
}

/** One group on a ready server: probe, the bare baseline, then the group itself. */
async function measureGroup(
  settings: HttpSettings,
  server: ChildProcess,
  ready: ServerMessage & { type: 'ready' },
  group: ScenarioGroup,
  base: Pick<HttpRun, 'backend' | 'size'>,
): Promise<HttpRun> {
  const run: HttpRun = { ...base, group: group.name, status: 'ok' };
  const status = await probe(ready.appPort, group.paths[0]!);
  if (status === 404)
    return { ...run, status: 'skipped', note: `${group.paths[0]!.split('?')[0]} answers 404: the page does not exist yet` };
  if (status < 200 || status >= 300) return { ...run, status: 'failed', note: `${group.paths[0]} answers ${status}` };
  run.baseline = await runLoadProcess(settings, ready.barePort, bareGroup);
  const cpuBefore = await readServerCpuSeconds(server);
  run.load = await runLoadProcess(settings, ready.appPort, group);
  const cpuAfter = await readServerCpuSeconds(server);
  if (cpuBefore !== undefined && cpuAfter !== undefined)
    run.serverCpu = Math.round(((cpuAfter - cpuBefore) / run.load.seconds) * 100) / 100;
  if (run.load.unfinished) await settle(ready.appPort);
  const problems = [
    run.load.errors ? `${run.load.errors} answers not 2xx or failed` : '',
    run.load.unfinished
      ? `${run.load.unfinished} unanswered ${settings.maxSeconds * 2} s after the deadline, abandoned: latencies are lower bounds`
      : '',
  ];
  if (problems.some(Boolean)) run.note = problems.filter(Boolean).join('; ');
  addHttpRatios(run);
  log(
    `  [${base.backend} ${base.size}] ${group.name}: ${run.load.requestsPerSecond} req/s (bare ${run.baseline.requestsPerSecond}), p99 ${run.load.p99Ms} ms`,
  );
  return run;
}

/** Starts a server process for one backend and size, measures every group on it, stops it. */
async function measureServer(settings: HttpSettings, job: ServerJob): Promise<{ server: HttpServerInfo; runs: HttpRun[] }> {
  const base = { backend: job.backend, size: job.size };
  log(`  [${job.backend} ${job.size}] loading ${path.basename(job.filePath)} into a fresh database`);
  const child = forkBench('http-server.ts', { BENCH_HTTP_SERVER: JSON.stringify(job) });
  try {
    const message = await waitForMessage<ServerMessage>(child, (answer) => answer.type !== 'cpu', 15 * 60_000);
    if (message.type !== 'ready') throw new Error(message.type === 'failed' ? message.message : 'unexpected answer');
    log(`  [${job.backend} ${job.size}] ${message.programs} programs, loaded in ${(message.importMs / 1000).toFixed(1)} s; serving`);
    const runs: HttpRun[] = [];
    for (const group of scenarioGroups) {
      try {
        runs.push(await measureGroup(settings, child, message, group, base));
      } catch (error) {
        runs.push({
          ...base,
          group: group.name,
          status: 'failed',
          note: `failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    return { server: { ...base, status: 'ok', programs: message.programs, version: message.version, importMs: message.importMs }, runs };
  } catch (error) {
    const note = `failed: ${error instanceof Error ? error.message : String(error)}`;
    return { server: { ...base, status: 'failed', note }, runs: [] };
  } finally {
    await stopChild(child);
  }
}

/** Asks a server process to stop and waits up to 30 s for it to close its database and exit. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'stop' });
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 30_000)));
  if ((await Promise.race([exited, gaveUp])) === 'late') child.kill('SIGKILL');
  clearTimeout(timer);
}

/**
 * How long one server of `rows` programs is predicted to take: its import, plus for each group
 * the bare run, the warm-up and drain (together about one run's time) and the run itself.
 */
function predictServerMs(settings: HttpSettings, rows: number, importRate: number): number {
  const loadMs = scenarioGroups.length * (2 * settings.maxSeconds + 5) * 1000;
  return (rows / importRate) * 1000 + loadMs;
}

type Plan = { size: DataSize; backend: BackendName; filePath?: string };

/** Measures every size on every backend, smallest size first; what would break the budget is skipped. */
async function measureAll(settings: HttpSettings, folder: string, clusters: Map<BackendName, BackendServer>, started: number) {
  const servers: HttpServerInfo[] = [];
  const runs: HttpRun[] = [];
  const importRate = new Map<BackendName, number>();
  const plans: Plan[] = settings.sizes.flatMap((size) => [...clusters.keys()].map((backend) => ({ size, backend })));
  plans.sort((a, b) => (a.size.syntheticRows ?? 0) - (b.size.syntheticRows ?? 0));
  const files = new Map<string, string>();
  for (const plan of plans) {
    const rows = plan.size.syntheticRows ?? 2_500;
    const predictedMs = predictServerMs(settings, rows, importRate.get(plan.backend) ?? assumedImportRate[plan.backend]);
    const elapsedMs = performance.now() - started;
    if (elapsedMs + predictedMs > settings.budgetMs) {
      const note = `not run: predicted ${(predictedMs / 60_000).toFixed(1)} min (import and load) after ${(elapsedMs / 60_000).toFixed(1)} min would pass the ${settings.budgetMs / 60_000} min budget (BENCH_HTTP_BUDGET_MIN)`;
      log(`  [${plan.backend} ${plan.size.name}] ${note}`);
      servers.push({ backend: plan.backend, size: plan.size.name, status: 'skipped', note });
      continue;
    }
    let filePath = files.get(plan.size.name) ?? demoFilePath;
    if (plan.size.syntheticRows && !files.has(plan.size.name)) {
      log(`generating ${plan.size.syntheticRows} synthetic rows`);
      filePath = generateSyntheticGrants({
        sourcePath: demoFilePath,
        rows: plan.size.syntheticRows,
        outputPath: path.join(folder, `${plan.size.name}.csv`),
      }).filePath;
      files.set(plan.size.name, filePath);
    }
    const result = await measureServer(settings, {
      backend: plan.backend,
      clusterUrl: clusters.get(plan.backend)?.url,
      size: plan.size.name,
      filePath,
    });
    servers.push(result.server);
    runs.push(...result.runs);
    if (result.server.programs && result.server.importMs)
      importRate.set(plan.backend, result.server.programs / (result.server.importMs / 1000));
  }
  return { servers, runs };
}

const roundLoad = (value: number) => Math.round(value * 100) / 100;

/** Runs the HTTP suite, prints its tables and writes bench/results/http-latest.{json,md}. */
export async function runHttpSuite(): Promise<HttpResults> {
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const settings = readHttpSettings();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-bench-http-'));
  const clusters = new Map<BackendName, BackendServer>();
  const servers: HttpServerInfo[] = [];
  const databases: Record<string, string> = {};
  let runs: HttpRun[] = [];
  try {
    for (const backend of listRequestedBackends()) {
      const unavailable = explainUnavailable(backend);
      if (unavailable) servers.push({ backend, size: 'all', status: 'skipped', note: unavailable });
      else clusters.set(backend, await startBackendServer(backend));
    }
    log('http: starting');
    const measured = await measureAll(settings, folder, clusters, started);
    servers.push(...measured.servers);
    for (const server of measured.servers) if (server.version) databases[server.backend] = server.version;
    runs = measured.runs;
  } finally {
    for (const cluster of clusters.values()) await cluster.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  const results: HttpResults = {
    machine: describeMachine(databases),
    settings: { concurrency: settings.concurrency, maxRequests: settings.maxRequests, maxSeconds: settings.maxSeconds },
    loadAverage: { start: loadAtStart.map(roundLoad), end: os.loadavg().map(roundLoad) },
    groups: [bareGroup, ...scenarioGroups],
    servers,
    runs,
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  const jsonPath = writeHttpResults(results, resultsFolder);
  console.log(
    `\nctip HTTP benchmark, ${results.machine.date}: ${settings.concurrency} connections, up to ${settings.maxRequests} requests or ${settings.maxSeconds} s per run`,
  );
  console.log(
    `Load average ${results.loadAverage.start.join(' ')} at the start, ${results.loadAverage.end.join(' ')} at the end (${results.machine.cpus} CPUs)`,
  );
  console.log(`\n${formatHttpReport(results)}\n`);
  console.log(
    `Ratios are to the bare route measured just before, in the same server process. ${path.relative(process.cwd(), jsonPath)}; ${results.totalSeconds} s in all.`,
  );
  return results;
}
