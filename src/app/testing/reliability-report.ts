import { readFileSync, writeFileSync } from 'node:fs';

export type KillFigures = {
  engine: string;
  killPoints: number;
  survived: number;
  acknowledged: number;
  lost: number;
  torn: number;
  unanswered: number;
  seed: number;
};

const begin = '<!-- kill-figures:begin -->';
const end = '<!-- kill-figures:end -->';

/** The kill figures as the Markdown table docs/reliability.md shows. */
export function formatKillFigures(figures: KillFigures[], command: string): string {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${command}\`:`,
    '',
    '| engine | kill points | survived (database opens, server ready, checks pass) | acknowledged writes checked | acknowledged writes lost | writes found in part | writes without an answer at the kill |',
    '|---|---|---|---|---|---|---|',
    ...figures.map(
      (row) =>
        `| ${row.engine} | ${row.killPoints} | ${row.survived} | ${row.acknowledged} | **${row.lost}** | ${row.torn} | ${row.unanswered} |`,
    ),
    '',
    `Seeds: ${figures.map((row) => `${row.engine} ${row.seed}`).join(', ')} (\`CTIP_TEST_KILL_SEED\` sets the base seed; the kill points and the write stream follow from it).`,
  ];
  return lines.join('\n');
}

/** Replaces the figures between the markers of `file` (docs/reliability.md). */
export function writeKillFigures(options: { file: string; figures: KillFigures[]; command: string }): void {
  const text = readFileSync(options.file, 'utf8');
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`${options.file} has no ${begin} … ${end} section`);
  writeFileSync(
    options.file,
    `${text.slice(0, start + begin.length)}\n${formatKillFigures(options.figures, options.command)}\n${text.slice(stop)}`,
  );
}
