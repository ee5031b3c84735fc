import { AppError } from '../../shared/errors.ts';
import type { ImportProblem } from '../shared/import-report.ts';
import { openTextStream, type TextSource } from '../shared/text-stream.ts';

const utf8Names = new Set(['utf-8', 'utf8']);
const utf16Names = new Set(['utf-16', 'utf-16le', 'utf-16be', 'ucs-2']);
const singleByteNames = new Set(['iso-8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);

/** The encoding an XML declaration names, lower case; null when it names none. */
export function declaredEncoding(head: string): string | null {
  return /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? null;
}

/**
 * Reconciles what the bytes are (detected by openTextStream: byte-order mark, valid UTF-8, else
 * Windows-1252) with what the XML declaration says. XML without a declared encoding must be
 * UTF-8 or UTF-16, so invalid UTF-8 is refused rather than guessed; a declared ISO-8859-1 or
 * Windows-1252 file is read as Windows-1252. Returns the problems to report about the encoding.
 */
function checkEncoding(source: TextSource, declared: string | null): ImportProblem[] {
  const where = { line: 1, field: 'encoding', path: '/' };
  if (declared && !utf8Names.has(declared) && !utf16Names.has(declared) && !singleByteNames.has(declared)) {
    throw new AppError({
      code: 'INVALID_FILE',
      message: `the XML declaration names encoding '${declared}', which ctip does not read (UTF-8, UTF-16, ISO-8859-1, Windows-1252)`,
    });
  }
  if (source.encoding === 'windows-1252') {
    if (declared && singleByteNames.has(declared))
      return [{ ...where, message: `read as Windows-1252 (the file declares ${declared})`, severity: 'info' }];
    const detail = source.problems[0]?.message.match(/first invalid bytes on line \d+/)?.[0] ?? 'invalid byte sequences';
    throw new AppError({
      code: 'INVALID_FILE',
      message: `the file is not valid UTF-8 (${detail}) although its XML declaration ${declared ? `says ${declared}` : 'names no other encoding, so XML requires UTF-8'}`,
    });
  }
  if (declared && singleByteNames.has(declared)) {
    return [
      { ...where, message: `the file declares ${declared} but every byte sequence is valid UTF-8; read as UTF-8`, severity: 'warning' },
    ];
  }
  return source.bom && source.encoding !== 'utf-8'
    ? [{ ...where, message: `read as ${source.encoding.toUpperCase()} (byte-order mark)`, severity: 'info' }]
    : [];
}

/**
 * Opens an IATI file as text through the shared reader (hash, encoding detection) with no line
 * limit: one-line XML is legitimate, and the XML reader bounds memory between tags instead.
 */
export async function openIatiText(
  filePath: string,
): Promise<{ source: TextSource; text: AsyncIterable<string>; problems: ImportProblem[] }> {
  const source = await openTextStream(filePath, { maxLineChars: Number.POSITIVE_INFINITY });
  const problems: ImportProblem[] = [];
  async function* text(): AsyncGenerator<string> {
    let first = true;
    for await (const chunk of source.chunks) {
      if (first) {
        problems.push(...checkEncoding(source, declaredEncoding(chunk.slice(0, 500))));
        first = false;
      }
      yield chunk;
    }
  }
  return { source, text: text(), problems };
}
