import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { AppError } from '../../shared/errors.ts';
import type { ImportProblem } from './import-report.ts';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A file opened as text: what was detected, and its decoded text as a stream of chunks. */
export type TextSource = {
  filePath: string;
  encoding: TextEncodingName;
  /** Whether the file starts with a byte-order mark (it is never part of the text). */
  bom: boolean;
  sizeBytes: number;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /** Warnings about the encoding (e.g. invalid UTF-8 read as Windows-1252), line 1. */
  problems: ImportProblem[];
  /** The decoded text. Iterate once. Throws INVALID_FILE when a line is longer than allowed. */
  chunks: AsyncIterable<string>;
  /** Bytes read so far by `chunks`, for progress. */
  bytesRead(): number;
};

/** Default longest line: 10 MiB of characters. A longer line is hostile or broken input. */
export const defaultMaxLineChars = 10 * 1024 * 1024;

const readChunkBytes = 1024 * 1024;

type Sniffed = {
  encoding: TextEncodingName;
  bom: boolean;
  sha256: string;
  invalidUtf8Line: number | null;
  nulBytes: boolean;
  nulLine: number | null;
  blank: boolean;
};

function bomOf(head: Buffer): { encoding: TextEncodingName; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Bytes at the end of `chunk` that start a UTF-8 sequence the chunk does not finish. */
function incompleteTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back += 1) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

function countNewlines(chunk: Buffer, end: number): number {
  let count = 0;
  for (let at = chunk.indexOf(10); at !== -1 && at < end; at = chunk.indexOf(10, at + 1)) count += 1;
  return count;
}

/**
 * One streaming pass over the bytes: hash, BOM, NUL bytes, and whether the text is valid UTF-8
 * (checked per chunk with buffer.isUtf8, carrying an unfinished sequence to the next chunk).
 */
async function sniff(filePath: string): Promise<Sniffed> {
  const hash = createHash('sha256');
  let head: Buffer | undefined;
  let carry = Buffer.alloc(0);
  let lines = 1;
  let invalidUtf8Line: number | null = null;
  let nulBytes = false;
  // Lines counted on every byte until the first NUL, so the refusal can name its line.
  let newlinesBeforeNul = 0;
  let nulLine: number | null = null;
  let blank = true;
  for await (const raw of createReadStream(filePath, { highWaterMark: readChunkBytes }) as AsyncIterable<Buffer>) {
    hash.update(raw);
    head ??= raw.subarray(0, 4);
    if (!nulBytes) {
      const at = raw.indexOf(0);
      if (at !== -1) {
        nulBytes = true;
        nulLine = newlinesBeforeNul + countNewlines(raw, at) + 1;
      } else newlinesBeforeNul += countNewlines(raw, raw.length);
    }
    if (blank && /[^\s\uFEFF\uFFFE\u00BB\u00BF\u00EF\u00FE\u00FF]/.test(raw.toString('latin1', 0, Math.min(raw.length, 4096))))
      blank = false;
    if (invalidUtf8Line !== null) continue;
    const chunk = carry.length ? Buffer.concat([carry, raw]) : raw;
    const tail = incompleteTail(chunk);
    const body = chunk.subarray(0, chunk.length - tail);
    if (!isUtf8(body)) {
      invalidUtf8Line = lines + countNewlines(body, firstInvalidOffset(body));
      continue;
    }
    lines += countNewlines(body, body.length);
    carry = Buffer.from(chunk.subarray(chunk.length - tail));
  }
  if (invalidUtf8Line === null && carry.length) invalidUtf8Line = lines;
  const bom = head ? bomOf(head) : undefined;
  const encoding: TextEncodingName = bom?.encoding ?? (invalidUtf8Line === null ? 'utf-8' : 'windows-1252');
  return {
    encoding,
    bom: bom !== undefined,
    sha256: hash.digest('hex'),
    invalidUtf8Line: bom?.encoding.startsWith('utf-16') ? null : invalidUtf8Line,
    nulBytes,
    nulLine,
    blank: blank || !head,
  };
}

/** Where in a chunk UTF-8 first goes wrong (binary search on isUtf8 of prefixes, cut at line starts). */
function firstInvalidOffset(body: Buffer): number {
  let low = 0;
  let high = body.length;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (isUtf8(body.subarray(0, middle - incompleteTail(body.subarray(0, middle))))) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * Opens a text file for streaming. The encoding is detected, not assumed: a byte-order mark
 * decides (UTF-8, UTF-16 LE, UTF-16 BE); without one the file is UTF-8 when every byte sequence
 * is valid UTF-8, otherwise Windows-1252 with a warning naming the first bad line. Throws
 * INVALID_FILE for a missing, empty or binary file (NUL bytes without a UTF-16 BOM). The decoded
 * text stream throws INVALID_FILE "line N is longer than …" as soon as a line exceeds
 * `maxLineChars` (default 10 MiB; pass Infinity for one-line XML), so memory stays bounded.
 */
export async function openTextStream(filePath: string, options: { maxLineChars?: number } = {}): Promise<TextSource> {
  const size = await stat(filePath).then(
    (info) => (info.isFile() ? info.size : -1),
    (error: NodeJS.ErrnoException) => {
      throw new AppError({
        code: 'INVALID_FILE',
        message: `Cannot read ${filePath}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
        cause: error,
      });
    },
  );
  if (size < 0) throw new AppError({ code: 'INVALID_FILE', message: `Cannot read ${filePath}: not a file` });
  const sniffed = await sniff(filePath);
  if (sniffed.blank) throw new AppError({ code: 'INVALID_FILE', message: `The file is empty: ${filePath}` });
  if (sniffed.nulBytes && !sniffed.encoding.startsWith('utf-16')) {
    const line = sniffed.nulLine ?? 1;
    throw new AppError({
      code: 'INVALID_FILE',
      message: `The file contains NUL bytes (the first on line ${line}): it is binary, or UTF-16 without a byte-order mark; save it as UTF-8 text`,
      details: [{ line, field: 'file', message: 'contains a NUL byte' }],
    });
  }
  const problems: ImportProblem[] = [];
  if (sniffed.invalidUtf8Line !== null) {
    problems.push({
      line: 1,
      field: 'file',
      message: `The file is not valid UTF-8 (first invalid bytes on line ${sniffed.invalidUtf8Line}); it was read as Windows-1252. Check accented names in the result`,
      severity: 'warning',
    });
  }
  let bytesRead = 0;
  const maxLineChars = options.maxLineChars ?? defaultMaxLineChars;
  async function* decode(): AsyncGenerator<string> {
    const decoder = iconv.getDecoder(sniffed.encoding, { stripBOM: true });
    const guard = createLineGuard(maxLineChars);
    for await (const raw of createReadStream(filePath, { highWaterMark: readChunkBytes }) as AsyncIterable<Buffer>) {
      bytesRead += raw.length;
      const text = decoder.write(raw);
      guard(text);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) {
      guard(rest);
      yield rest;
    }
  }
  return {
    filePath,
    encoding: sniffed.encoding,
    bom: sniffed.bom,
    sizeBytes: size,
    sha256: sniffed.sha256,
    problems,
    chunks: decode(),
    bytesRead: () => bytesRead,
  };
}

/**
 * Counts lines across chunks and throws INVALID_FILE when one grows past `maxLineChars`, or
 * holds a NUL character (a UTF-16 file can encode one; PostgreSQL can store none).
 */
function createLineGuard(maxLineChars: number): (text: string) => void {
  let line = 1;
  let length = 0;
  return (text) => {
    const nul = text.indexOf('\u0000');
    if (nul !== -1) {
      const nulLine = line + (text.slice(0, nul).match(/\n/g)?.length ?? 0);
      throw new AppError({
        code: 'INVALID_FILE',
        message: `line ${nulLine} contains a NUL character, which no field may hold: the file is broken or not this format`,
        details: [{ line: nulLine, field: 'file', message: 'contains a NUL character' }],
      });
    }
    let start = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
      length += at - start;
      if (length > maxLineChars) break;
      line += 1;
      length = 0;
      start = at + 1;
    }
    if (length <= maxLineChars) length += text.length - start;
    if (length > maxLineChars) {
      throw new AppError({
        code: 'INVALID_FILE',
        message: `line ${line} is longer than ${formatSize(maxLineChars)} characters: the file is broken or not this format`,
        details: [{ line, message: `longer than ${formatSize(maxLineChars)} characters` }],
      });
    }
  };
}

function formatSize(chars: number): string {
  return chars % (1024 * 1024) === 0 ? `${chars / (1024 * 1024)} Mi` : String(chars);
}
