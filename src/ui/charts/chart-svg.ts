import { estimateTextWidth, FONT_FAMILY, FONT_SIZE, MUTED_TEXT_COLOR, TEXT_COLOR } from './format.ts';
import { createChartDocument, round, safeId, serializeSvg, SVG_NS, svgElement } from './svg-dom.ts';

/** Width of every chart's viewBox; the SVG itself is `width="100%"` and scales to its box. */
export const CHART_WIDTH = 640;

/** One legend entry. */
export interface LegendItem {
  label: string;
  color: string;
}

/**
 * Lays out swatches left to right, wrapping to a new row when the next one would not fit.
 * Returns the group and its height so the caller can place the plot beneath it.
 */
export function buildSwatchLegend(document: Document, items: LegendItem[], width = CHART_WIDTH): { group: SVGElement; height: number } {
  const group = svgElement(document, 'g', { 'aria-hidden': 'true', 'font-size': FONT_SIZE, 'text-anchor': 'start' });
  const rowHeight = 20;
  let x = 0;
  let y = 0;
  for (const item of items) {
    const itemWidth = 14 + 6 + estimateTextWidth(item.label) + 14;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += rowHeight;
    }
    group.append(
      svgElement(document, 'rect', { x, y: y + 2, width: 14, height: 14, fill: item.color, stroke: TEXT_COLOR, 'stroke-width': 0.5 }),
      svgElement(document, 'text', { x: x + 20, y: y + 13, fill: TEXT_COLOR }, item.label),
    );
    x += itemWidth;
  }
  return { group, height: items.length ? y + rowHeight + 8 : 0 };
}

/** What every chart SVG is made of: an accessible name, a description, a legend and a body. */
export interface ChartSvgParts {
  document: Document;
  id: string;
  title: string;
  summary: string;
  /** Height of the body, in viewBox units. */
  height: number;
  /** The drawing: Plot's root `<svg>` (its children are moved) or a group built by hand. */
  body: Element;
  legend?: { group: SVGElement; height: number };
  /** Whether the drawing contains links: then it cannot be `role="img"` (see below). */
  interactive?: boolean;
}

/**
 * Assembles the standalone chart SVG: `<title>` and `<desc>` first (referenced by
 * aria-labelledby), the legend on top, the drawing below. A static chart is `role="img"`. A
 * chart whose marks are links is `role="group"` instead: an image's children are presentational,
 * so links inside `role="img"` would be unreachable and axe reports them (nested-interactive).
 */
export function composeChartSvg(parts: ChartSvgParts): string {
  const { document } = parts;
  const id = safeId(parts.id);
  const legendHeight = parts.legend?.height ?? 0;
  const height = round(parts.height + legendHeight, 0);
  const root = svgElement(document, 'svg', {
    xmlns: SVG_NS,
    viewBox: `0 0 ${CHART_WIDTH} ${height}`,
    width: '100%',
    role: parts.interactive ? 'group' : 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
    'font-family': FONT_FAMILY,
    'font-size': FONT_SIZE,
    color: TEXT_COLOR,
    class: 'chart-svg',
  });
  root.append(svgElement(document, 'title', { id: `${id}-title` }, parts.title));
  root.append(svgElement(document, 'desc', { id: `${id}-desc` }, parts.summary));
  if (parts.legend) root.append(parts.legend.group);
  const drawing = svgElement(document, 'g', { transform: legendHeight ? `translate(0,${legendHeight})` : null });
  if (parts.body.localName === 'svg') {
    // Keep Plot's inherited presentation attributes (fill, text-anchor, font) on the group.
    // Plot's 10px default font-size is dropped: the root's FONT_SIZE applies instead.
    for (const name of ['fill', 'text-anchor', 'font-variant']) {
      const value = parts.body.getAttribute(name);
      if (value !== null) drawing.setAttribute(name, value);
    }
    drawing.append(...Array.from(parts.body.childNodes));
    quietPlotGroups(drawing);
  } else {
    drawing.append(parts.body);
  }
  root.append(drawing);
  roundGeometry(root);
  return serializeSvg(root);
}

/** The SVG shown when a chart has nothing to draw: still titled, described and readable. */
export function emptyChartSvg(props: { id: string; title: string; summary?: string }): string {
  const document = createChartDocument();
  const message = 'No data';
  const body = svgElement(document, 'g', {});
  body.append(
    svgElement(document, 'rect', { x: 0.5, y: 0.5, width: CHART_WIDTH - 1, height: 79, fill: 'none', stroke: '#dfe1e2' }),
    svgElement(document, 'text', { x: CHART_WIDTH / 2, y: 45, 'text-anchor': 'middle', fill: MUTED_TEXT_COLOR }, message),
  );
  return composeChartSvg({
    document,
    id: props.id,
    title: props.title,
    summary: props.summary ?? `No data to chart for ${props.title}.`,
    height: 80,
    body,
  });
}

const GEOMETRY_ATTRIBUTES = ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'transform', 'd'];

/** Rounds long decimals in geometry attributes (Plot writes 15 digits); text is never touched. */
function roundGeometry(element: Element): void {
  for (const name of GEOMETRY_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null && /\d\.\d{3}/.test(value)) {
      element.setAttribute(
        name,
        value.replace(/-?\d+\.\d{3,}/g, (number) => String(round(Number(number), 2))),
      );
    }
  }
  for (const child of Array.from(element.children)) roundGeometry(child);
}

/**
 * Plot names its groups with aria-label ("bar", "y-axis tick"), which axe rejects on a `<g>`
 * without a role (aria-prohibited-attr). Groups without links are hidden from assistive
 * technology (the desc and the data table carry the numbers); groups with links keep them
 * reachable, each link named by its own aria-label.
 */
function quietPlotGroups(drawing: Element): void {
  for (const group of Array.from(drawing.querySelectorAll('g[aria-label]'))) {
    group.removeAttribute('aria-label');
    if (!group.querySelector('a')) group.setAttribute('aria-hidden', 'true');
  }
}
