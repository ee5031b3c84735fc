import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchFolder = path.dirname(fileURLToPath(import.meta.url));

/** The real file replicated: DFID's 205 DR Congo activities (IATI 1.01), or the excerpt kept in the repo. */
export function findIatiSource(): string {
  const shared = path.join(benchFolder, '..', '..', 'shared', 'data', 'iati', 'fixtures', 'datastore-CD.xml');
  return existsSync(shared) ? shared : path.join(benchFolder, '..', 'src', 'imports', 'iati', 'fixtures', 'dfid-cd-1.01-excerpt.xml');
}

/**
 * Writes an IATI activity file of about `targetBytes` by repeating the real activities of
 * `sourcePath` in order, each copy with a new iati-identifier (`<id>-R<n>`), so every activity
 * is a new program with the real file's shape: titles, sectors, dates, transactions, budgets.
 * Streams to disk; memory holds the source file only.
 */
export function generateIatiFile(options: { sourcePath: string; targetBytes: number; outputPath: string }): {
  bytes: number;
  activities: number;
} {
  const source = readFileSync(options.sourcePath, 'utf8');
  const rootEnd = source.indexOf('>', source.indexOf('<iati-activities')) + 1;
  const header = `${source.slice(0, rootEnd)}\n`;
  const activities = source.match(/<iati-activity[\s>][\s\S]*?<\/iati-activity>/g) ?? [];
  if (activities.length === 0) throw new Error(`No activities in ${options.sourcePath}`);
  const file = openSync(options.outputPath, 'w');
  let bytes = writeSync(file, header);
  let count = 0;
  try {
    for (let round = 1; bytes < options.targetBytes; round += 1) {
      const parts: string[] = [];
      for (const activity of activities) {
        parts.push(
          `  ${activity.replace(/<iati-identifier>\s*([^<]*?)\s*<\/iati-identifier>/, `<iati-identifier>$1-R${round}</iati-identifier>`)}\n`,
        );
      }
      count += activities.length;
      bytes += writeSync(file, parts.join(''));
    }
    bytes += writeSync(file, '</iati-activities>\n');
  } finally {
    closeSync(file);
  }
  return { bytes, activities: count };
}
