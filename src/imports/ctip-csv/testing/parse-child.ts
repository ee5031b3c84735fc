// A child process for import-hostile-files.test.ts: parses one ctip CSV file (no database) and
// prints the outcome as JSON, so the test can run it with a small heap: a parser that holds the
// file's text or all of its records crashes there instead of answering.
import { isAppError } from '../../../shared/errors.ts';
import { parseCtipCsv } from '../ctip-csv.parser.ts';

const [filePath] = process.argv.slice(2) as [string];
try {
  const parsed = await parseCtipCsv({ filePath });
  process.stdout.write(`${JSON.stringify({ rows: parsed.rows.length })}\n`);
} catch (error) {
  if (!isAppError(error)) throw error;
  process.stdout.write(`${JSON.stringify({ code: error.code, message: error.message })}\n`);
}
