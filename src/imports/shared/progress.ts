import cliProgress from 'cli-progress';

/** Where an import is: records handled so far and, when known, bytes read of the total. */
export type ImportProgress = { records: number; bytes?: number; totalBytes?: number };

export type ProgressReporter = {
  update(progress: ImportProgress): void;
  stop(): void;
};

const quiet: ProgressReporter = { update: () => {}, stop: () => {} };

/**
 * A progress bar on stderr with records per second and time left (from bytes read when the
 * size is known). Quiet — no output at all — when stderr is not a terminal or with --json,
 * so pipes and scripts see only the report. Updates are throttled by cli-progress.
 */
export function createProgressReporter(options: { label: string; json?: boolean; stream?: NodeJS.WriteStream }): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  if (options.json || !stream.isTTY) return quiet;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${options.label} [{bar}] {percentage}% | {records} records | {rate} records/s | {mb} MB | time left {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(progress) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const payload = {
        records: progress.records,
        rate: Math.round(progress.records / seconds),
        mb: ((progress.bytes ?? 0) / 1e6).toFixed(1),
      };
      const total = progress.totalBytes ?? 0;
      const value = progress.totalBytes ? (progress.bytes ?? 0) : 0;
      if (!running) {
        bar.start(total, value, payload);
        running = true;
      } else bar.update(value, payload);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
