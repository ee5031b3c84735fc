import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { safeId } from './svg-dom.ts';

/**
 * The frame every chart shares: a visible caption, the SVG, optional notes and the data table
 * in a `<details>` so screen-reader, no-JS and print users get the exact numbers.
 *
 * `svg` must come from this folder's builders: they create all text through the DOM and escape
 * it in `serializeSvg`, which is what makes `dangerouslySetInnerHTML` safe here.
 */
export function ChartFigure(props: {
  id: string;
  title: string;
  svg: string;
  empty: boolean;
  notes?: ComponentChildren;
  table?: ComponentChildren;
}) {
  const id = safeId(props.id);
  return (
    <figure id={id} class={props.empty ? 'chart chart--empty' : 'chart'} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="chart-title">
        {props.title}
      </figcaption>
      {/* Focusable: on a phone the chart scrolls sideways, and a keyboard must reach that too. */}
      <div class="chart-graphic" tabindex={0} dangerouslySetInnerHTML={{ __html: props.svg }} />
      {props.empty ? <p class="chart-empty">No data for this chart.</p> : null}
      {props.notes}
      {props.empty || !props.table ? null : (
        <details class="chart-data">
          <summary>Data table</summary>
          {props.table}
        </details>
      )}
    </figure>
  );
}

/** Renders any chart component to an HTML string (for the report's HTML and tests). */
export function renderChartToString(component: VNode): string {
  return renderToString(component);
}
