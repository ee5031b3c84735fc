/**
 * Server-rendered SVG charts shared by the portal pages and the annual Assessment.
 *
 * Each component renders a `<figure>` (visible caption, accessible SVG, data table); each
 * `…Svg` function returns the same chart as a bare, standalone, deterministic SVG string for
 * the report generators (DOCX images, PDF).
 */
export { ChartFigure, renderChartToString } from './figure.tsx';
export { formatCompactUsd } from './format.ts';
export { FundingOverTimeChart, fundingOverTimeSvg, summarizeFundingOverTime } from './funding-over-time.tsx';
export type { FundingOverTimeProps, FundingPoint, YearTotal } from './funding-over-time.tsx';
export { HorizontalBarChart, horizontalBarSvg, summarizeBars } from './horizontal-bar.tsx';
export type { BarRow, HorizontalBarChartProps } from './horizontal-bar.tsx';
export { summarizeMap, WorldMap, worldMapSvg } from './world-map.tsx';
export type { MapValue, WorldMapProps } from './world-map.tsx';
