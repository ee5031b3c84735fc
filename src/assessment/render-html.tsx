import { renderToString } from 'preact-render-to-string';
import type { Assessment, Block, Section } from './assessment.types.ts';
import { assessmentCss } from './assessment-css.ts';
import { isEmptySection } from './assessment-blocks.ts';
import { cellText, chartSummary, chartSvg, numberedSections, subtitle, tableOfContents } from './render-shared.ts';

function TableBlock(props: { block: Extract<Block, { kind: 'table' }> }) {
  const { block } = props;
  return (
    <div class="table-wrap">
      <table id={block.id}>
        <caption>{block.caption}</caption>
        <thead>
          <tr>
            {block.columns.map((column, index) => (
              <th key={index} scope="col" class={column.numeric ? 'num' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.length ? (
            block.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row">
                      {cellText(cell)}
                    </th>
                  ) : (
                    <td key={index} class={block.columns[index]?.numeric ? 'num' : undefined}>
                      {cellText(cell)}
                    </td>
                  ),
                )}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={block.columns.length}>None recorded.</td>
            </tr>
          )}
        </tbody>
      </table>
      {block.note ? <p class="note">{block.note}</p> : null}
    </div>
  );
}

function BlockView(props: { block: Block }) {
  const { block } = props;
  switch (block.kind) {
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'notice':
      return (
        <p class="notice">
          <strong>Not recorded: </strong>
          {block.text}
        </p>
      );
    case 'list':
      return (
        <ul>
          {block.items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      );
    case 'table':
      return <TableBlock block={block} />;
    case 'chart':
      // The SVG comes from src/ui/charts, which builds all text through the DOM and escapes it.
      return (
        <figure id={block.chart.id} class="chart">
          <figcaption>{block.chart.title}</figcaption>
          <div class="chart-graphic" dangerouslySetInnerHTML={{ __html: chartSvg(block.chart) }} />
          <p class="note">{chartSummary(block.chart)}</p>
        </figure>
      );
  }
}

function SectionView(props: { section: Section; number: string; level: 1 | 2 }) {
  const Heading = props.level === 1 ? 'h2' : 'h3';
  return (
    <section
      aria-labelledby={`${props.section.id}-heading`}
      class={props.level === 1 ? (isEmptySection(props.section) ? 'level-1 empty' : 'level-1') : 'level-2'}
    >
      <Heading id={`${props.section.id}-heading`}>
        <a id={props.section.id} />
        {`${props.number} ${props.section.title}`}
      </Heading>
      {props.section.blocks.map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
    </section>
  );
}

function AssessmentDocument(props: { assessment: Assessment }) {
  const { assessment } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{assessment.title}</title>
        <style dangerouslySetInnerHTML={{ __html: assessmentCss }} />
      </head>
      <body>
        <main>
          <header class="cover">
            <h1>{assessment.title}</h1>
            <p class="subtitle">{subtitle(assessment)}</p>
          </header>
          <nav aria-labelledby="contents-heading" class="toc">
            <h2 id="contents-heading">Contents</h2>
            <ol>
              {tableOfContents(assessment).map((entry) => (
                <li key={entry.id} class={entry.level === 2 ? 'toc-2' : 'toc-1'}>
                  <a href={`#${entry.id}`}>{`${entry.number} ${entry.title}`}</a>
                </li>
              ))}
            </ol>
          </nav>
          {numberedSections(assessment).map(({ section, number, level }) => (
            <SectionView key={section.id} section={section} number={number} level={level} />
          ))}
        </main>
      </body>
    </html>
  );
}

/**
 * The Assessment as one standalone HTML document (styles inline, no scripts, no external
 * files), with a print stylesheet: the same data gives the same bytes.
 */
export function renderAssessmentHtml(assessment: Assessment): string {
  return `<!doctype html>${renderToString(<AssessmentDocument assessment={assessment} />)}\n`;
}
