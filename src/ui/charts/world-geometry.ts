import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { CHART_WIDTH } from './chart-svg.ts';

/**
 * Country outlines from world-atlas (Natural Earth 1:110m) projected once per process with the
 * Equal Earth projection (equal-area, so country sizes are not distorted as in Mercator).
 */

/** One projected country outline. */
export interface CountryShape {
  /** ISO 3166-1 numeric code, zero-padded ("524"), or null (Kosovo, N. Cyprus, Somaliland). */
  numericCode: string | null;
  /** Natural Earth's short name ("Dem. Rep. Congo"). */
  name: string;
  /** SVG path data, rounded to 0.1 units. */
  d: string;
}

export interface WorldGeometry {
  width: number;
  height: number;
  shapes: CountryShape[];
  byNumericCode: Map<string, CountryShape>;
  byName: Map<string, CountryShape>;
}

const ANTARCTICA = '010';

/** Lowercase, accents and punctuation folded, for matching names when a code is missing. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

let cached: WorldGeometry | undefined;

/** The projected world, computed on first use and reused (it is the same for every map). */
export function worldGeometry(): WorldGeometry {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const topology = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const countries = collection.features.filter((country) => country.id !== ANTARCTICA);
  const land: FeatureCollection = { type: 'FeatureCollection', features: countries };

  const projection = geoEqualEarth().fitWidth(CHART_WIDTH - 8, land);
  const [, [, bottom]] = geoPath(projection).bounds(land);
  const [[, top]] = geoPath(projection).bounds(land);
  projection.translate([projection.translate()[0] + 4, projection.translate()[1] + 4 - top]);
  const path = geoPath(projection).digits(1);

  const shapes = countries.map((country: Feature<Geometry, { name: string }>) => ({
    numericCode: typeof country.id === 'string' || typeof country.id === 'number' ? String(country.id).padStart(3, '0') : null,
    name: country.properties.name,
    d: path(country) ?? '',
  }));
  cached = {
    width: CHART_WIDTH,
    height: Math.ceil(bottom - top + 8),
    shapes,
    byNumericCode: new Map(shapes.filter((shape) => shape.numericCode).map((shape) => [shape.numericCode ?? '', shape])),
    byName: new Map(shapes.map((shape) => [normalizeName(shape.name), shape])),
  };
  return cached;
}
