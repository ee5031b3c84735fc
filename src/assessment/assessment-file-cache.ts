import { createHash } from 'node:crypto';
import type { Assessment } from './assessment.types.ts';
import type { AssessmentFormat } from './render-assessment.ts';
import { renderAssessmentHtml } from './render-html.tsx';

export type RenderedAssessment = { bytes: Buffer; etag: string };
type Render = (assessment: Assessment, format: AssessmentFormat) => Promise<Buffer>;

/**
 * The rendered report files of the Assessment page, kept in memory by content. DOCX and PDF
 * start headless Chromium (seconds, and a few hundred MB each); the same data gives the same
 * file, so each is rendered once: the key is a hash of the report's HTML, which holds every
 * figure, text and chart and changes with any of them (and with "data as of").
 *
 * Concurrent requests for the same file share one rendering, and at most `parallelRenders`
 * renderings of different files run at once, so a burst of downloads cannot start a browser
 * per request. Least recently used files are dropped beyond `maxBytes`.
 */
export function createAssessmentFileCache(options: { render: Render; maxBytes?: number; parallelRenders?: number }) {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const parallelRenders = options.parallelRenders ?? 1;
  const done = new Map<string, Buffer>();
  const pending = new Map<string, Promise<Buffer>>();
  const waiting: (() => void)[] = [];
  let running = 0;
  let heldBytes = 0;

  async function takeRenderSlot(): Promise<void> {
    if (running < parallelRenders) {
      running += 1;
      return;
    }
    // The slot is handed over by releaseRenderSlot, which keeps `running` as it is.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function releaseRenderSlot(): void {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  function keep(key: string, bytes: Buffer): void {
    if (bytes.length > maxBytes) return;
    done.set(key, bytes);
    heldBytes += bytes.length;
    for (const [oldest, old] of done) {
      if (heldBytes <= maxBytes) break;
      done.delete(oldest);
      heldBytes -= old.length;
    }
  }

  async function renderOnce(key: string, assessment: Assessment, format: AssessmentFormat): Promise<Buffer> {
    await takeRenderSlot();
    try {
      const bytes = await options.render(assessment, format);
      keep(key, bytes);
      return bytes;
    } finally {
      releaseRenderSlot();
      pending.delete(key);
    }
  }

  return {
    /** The file of `assessment` in `format`, rendered now or earlier, with its entity tag. */
    async get(assessment: Assessment, format: AssessmentFormat): Promise<RenderedAssessment> {
      const digest = createHash('sha256').update(renderAssessmentHtml(assessment)).digest('base64url').slice(0, 32);
      const key = `${format}:${digest}`;
      const etag = `"${format}-${digest}"`;
      const kept = done.get(key);
      if (kept) {
        // Map order is insertion order: moving the entry to the end marks it recently used.
        done.delete(key);
        done.set(key, kept);
        return { bytes: kept, etag };
      }
      let rendering = pending.get(key);
      if (!rendering) {
        rendering = renderOnce(key, assessment, format);
        pending.set(key, rendering);
      }
      return { bytes: await rendering, etag };
    },
    /** What the cache holds now (for tests and diagnostics). */
    stats(): { files: number; bytes: number; rendering: number } {
      return { files: done.size, bytes: heldBytes, rendering: pending.size };
    },
  };
}

export type AssessmentFileCache = ReturnType<typeof createAssessmentFileCache>;
