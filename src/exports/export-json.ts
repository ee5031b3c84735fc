import { walkProgramPages, type ExportOptions } from './program-pages.ts';

/**
 * JSON text that is also safe to embed in HTML: <, >, & and the line separators U+2028/9 are
 * written as \u escapes (still the same JSON value), so a hostile title stays inert wherever
 * the file ends up.
 */
export function stringifySafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Streams `{ "generatedAt", "filters", "programs": [ProgramDetail…] }`, one chunk per page, so
 * memory holds one page whatever the number of programs.
 */
export async function* exportProgramsJson(options: ExportOptions & { now?: Date }): AsyncGenerator<string> {
  const generatedAt = (options.now ?? new Date()).toISOString();
  let chunk = `{"generatedAt":${stringifySafeJson(generatedAt)},"filters":${stringifySafeJson(options.query)},"programs":[`;
  let separator = '\n';
  // The header goes out with the first page, so a failing first query still gets an error reply.
  for await (const page of walkProgramPages(options)) {
    for (const program of page) {
      chunk += `${separator}${stringifySafeJson(program)}`;
      separator = ',\n';
    }
    yield chunk;
    chunk = '';
  }
  yield '\n]}\n';
}
