import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type ChartSeries, LineChart, type LineChartProps } from '../../app/components/line-chart.tsx';

// The chart is server-rendered SVG, so these tests read the markup: ticks, paths, legend and ids.

const YEARS = ['2564', '2565', '2566', '2567', '2568'];

function render(props: Partial<LineChartProps> & { series: readonly ChartSeries[] }): string {
  return renderToStaticMarkup(
    createElement(LineChart, { title: 'อัตราการคัดกรอง', xLabels: YEARS, unitLabel: 'ร้อยละ', formatValue: String, ...props }),
  );
}

/** Each y gridline with its label, top to bottom as drawn: [label, y]. */
function ticks(svg: string): [string, number][] {
  return [...svg.matchAll(/<line x1="[^"]*" y1="([^"]*)"[^>]*><\/line><text[^>]*>([^<]*)<\/text>/g)].map((m) => [m[2]!, Number(m[1])]);
}

/** The line's path data for one series. */
function pathOf(svg: string, key: string): string {
  const match = svg.match(new RegExp(`<g data-series="${key}"><path d="([^"]+)"`));
  if (!match) throw new Error(`no path for series ${key}`);
  return match[1]!;
}

/** The points of a path as [x, y] pairs. */
function pointsOf(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Visible text elements' contents. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r! + 0.7152 * g! + 0.0722 * b! + 0.05);
}

describe('y axis', () => {
  it('runs to a given yMax of 100 even when the data stops at 37', () => {
    const svg = render({ yMax: 100, series: [{ key: 'a', label: 'ก', values: [10, 37, 50, 20, 0] }] });
    const labels = ticks(svg).map(([label]) => label);
    expect(labels).toEqual(['0', '20', '40', '60', '80', '100']);
    // 50 sits halfway between the 0 and 100 gridlines.
    const y = Object.fromEntries(ticks(svg));
    const point50 = pointsOf(pathOf(svg, 'a'))[2]!;
    expect(point50[1]).toBeCloseTo((y['0']! + y['100']!) / 2, 0);
  });

  it('picks round ticks just above the data when no yMax is given', () => {
    const svg = render({ series: [{ key: 'a', label: 'ก', values: [12, 37, 25, 8, 30] }] });
    expect(ticks(svg).map(([label]) => label)).toEqual(['0', '10', '20', '30', '40']);
    const y = Object.fromEntries(ticks(svg));
    // The top gridline is above the highest point; 0 is at the bottom.
    expect(y['40']!).toBeLessThan(Math.min(...pointsOf(pathOf(svg, 'a')).map(([, py]) => py)));
    expect(y['0']!).toBeGreaterThan(y['40']!);
    // The ticks are evenly spaced and span the plot, which takes most of the chart's height.
    const gaps = ['10', '20', '30', '40'].map((label, i) => y[String(i * 10)]! - y[label]!);
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0]!, 0);
    const height = Number(svg.match(/viewBox="0 0 640 (\d+)"/)![1]);
    expect(y['0']! - y['40']!).toBeGreaterThan(height / 2);
  });

  it('keeps 4–5 round steps for larger and smaller data', () => {
    const labelsFor = (values: number[]) => ticks(render({ series: [{ key: 'a', label: 'ก', values }] })).map(([label]) => label);
    expect(labelsFor([1234, 870, 410, 990, 1500])).toEqual(['0', '300', '600', '900', '1200', '1500']);
    expect(labelsFor([1234, 870, 410, 990, 1010])).toEqual(['0', '250', '500', '750', '1000', '1250']);
    expect(labelsFor([3, 5.5, 1, 2, 4])).toEqual(['0', '1.5', '3', '4.5', '6']);
    expect(labelsFor([0.12, 0.3, 0.37, 0.2, 0.05])).toEqual(['0', '0.1', '0.2', '0.3', '0.4']);
  });

  it('passes tick values through formatValue', () => {
    const svg = render({ yMax: 100, formatValue: (v) => `${v}%`, series: [{ key: 'a', label: 'ก', values: [1, 2, 3, 4, 5] }] });
    expect(ticks(svg).at(-1)![0]).toBe('100%');
  });
});

describe('lines and points', () => {
  it('breaks a series at a null into two segments and draws no marker there', () => {
    const svg = render({
      series: [
        { key: 'gap', label: 'มีช่องว่าง', values: [10, 20, null, 30, 40] },
        { key: 'full', label: 'ครบ', values: [5, 6, 7, 8, 9] },
      ],
    });
    const gap = pathOf(svg, 'gap');
    expect(gap.match(/M/g)).toHaveLength(2);
    expect(pointsOf(gap)).toHaveLength(4);
    expect(pathOf(svg, 'full').match(/M/g)).toHaveLength(1);
    // One marker per non-null value.
    const group = svg.match(/<g data-series="gap">(.*?)<\/g>/)![1]!;
    expect(group.match(/<path/g)).toHaveLength(1 + 4);
  });

  it('places points left to right in x-label order, evenly spaced, higher values higher up', () => {
    const svg = render({ series: [{ key: 'a', label: 'ก', values: [10, 40, 20, 30, 0] }] });
    const points = pointsOf(pathOf(svg, 'a'));
    const xs = points.map(([x]) => x);
    expect(xs).toEqual([...xs].sort((p, q) => p - q));
    expect(new Set(xs).size).toBe(5);
    const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0]!, 0);
    // Each x label is drawn under its point.
    for (const [i, year] of YEARS.entries()) expect(svg).toContain(`<text x="${xs[i]}" y="248">${year}</text>`);
    const ys = points.map(([, y]) => y);
    expect(ys[1]).toBeLessThan(ys[3]!); // 40 above 30
    expect(ys[3]).toBeLessThan(ys[2]!); // 30 above 20
    expect(ys[4]).toBeGreaterThan(ys[0]!); // 0 below 10
  });

  it('gives each of six series its own colour, dash and marker, all legible on white', () => {
    // Identical values put every marker at the same spot, so their path data differs only by shape.
    const series = Array.from({ length: 6 }, (_, i) => ({ key: `s${i}`, label: `ชุด ${i}`, values: [50, 50, 50, 50, 50] }));
    const svg = render({ series });
    const styles = series.map(({ key }) => {
      const group = svg.match(new RegExp(`<g data-series="${key}">(.*?)</g>`))![1]!;
      const line = group.match(/^<path [^>]*>/)![0];
      const marker = group.match(/<path d="([^"]+)"/g)![1]!;
      return { colour: line.match(/ stroke="([^"]+)"/)![1]!, dash: line.match(/stroke-dasharray="([^"]+)"/)?.[1] ?? 'solid', marker };
    });
    expect(new Set(styles.map((s) => s.colour)).size).toBe(6);
    expect(new Set(styles.map((s) => s.dash)).size).toBe(6);
    expect(new Set(styles.map((s) => s.marker)).size).toBe(6);
    for (const { colour } of styles) expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(4.5);
  });

  it('labels the last value of each line, skipping a label that would crowd another', () => {
    const apart = render({
      series: [
        { key: 'a', label: 'ก', values: [10, 20, 30, 40, 90] },
        { key: 'b', label: 'ข', values: [10, 20, 30, 40, 10] },
      ],
    });
    expect(texts(apart)).toEqual(expect.arrayContaining(['90', '10']));
    const crowded = render({
      series: [
        { key: 'a', label: 'ก', values: [10, 20, 30, 40, 50] },
        { key: 'b', label: 'ข', values: [10, 20, 30, 40, 51] },
      ],
    });
    expect(texts(crowded)).toContain('50'); // the earlier series wins
    expect(texts(crowded)).not.toContain('51');
  });

  it('labels the last non-null value when the series ends in nulls', () => {
    const svg = render({ series: [{ key: 'a', label: 'ก', values: [11, 22, 33, null, null] }] });
    expect(texts(svg)).toContain('33');
  });
});

describe('legend and markup', () => {
  it('lists every series label with a line sample, wrapping long legends into rows', () => {
    const labels = [
      'ประเทศ',
      'เขตสุขภาพที่ 8',
      'จังหวัดอุดรธานี',
      'อำเภอเมืองอุดรธานี',
      'กองทุนหลักประกันสุขภาพเทศบาลนครอุดรธานี',
      'อื่น ๆ',
    ];
    const series = labels.map((label, i) => ({ key: `s${i}`, label, values: [1, 2, 3, 4, 5] }));
    const svg = render({ series });
    for (const label of labels) expect(texts(svg)).toContain(label);
    const legendYs = [...svg.matchAll(/<\/path><text x="[^"]*" y="([^"]*)">[^<]*<\/text><\/g>/g)].map((m) => Number(m[1]));
    expect(legendYs).toHaveLength(labels.length);
    expect(new Set(legendYs).size).toBeGreaterThan(1); // more than one row
    const [, , width, height] = svg.match(/viewBox="([^"]+)"/)![1]!.split(' ').map(Number);
    expect(width).toBe(640);
    expect(height).toBeGreaterThan(Math.max(...legendYs));
    // Every legend item starts inside the viewBox.
    const legendXs = [...svg.matchAll(/<\/path><text x="([^"]*)" y="[^"]*">[^<]*<\/text><\/g>/g)].map((m) => Number(m[1]));
    for (const x of legendXs) expect(x).toBeLessThan(width!);
  });

  it('is a responsive, labelled image with inherited font and 1-decimal numbers', () => {
    const svg = render({ description: 'เทียบระดับประเทศ', series: [{ key: 'a', label: 'ก', values: [1 / 3, 2 / 3, 1, 4 / 3, 5 / 3] }] });
    expect(svg).toMatch(/^<svg viewBox="0 0 640 \d+" width="100%" style="height:auto" role="img" aria-labelledby="([^" ]+) ([^" ]+)"/);
    const [, titleId, descId] = svg.match(/aria-labelledby="([^" ]+) ([^" ]+)"/)!;
    expect(svg).toContain(`<title id="${titleId}">อัตราการคัดกรอง</title>`);
    expect(svg).toContain(`<desc id="${descId}">เทียบระดับประเทศ</desc>`);
    expect(svg).toContain('font-family="inherit"');
    expect(texts(svg)).toContain('ร้อยละ');
    const numbers = [...svg.matchAll(/="([^"]*)"/g)].flatMap((m) => m[1]!.match(/-?\d+\.\d+/g) ?? []);
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect(n).toMatch(/^-?\d+\.\d$/);
  });

  it('gives two charts on one page distinct title ids', () => {
    const series = [{ key: 'a', label: 'ก', values: [1, 2, 3, 4, 5] }];
    const props = { title: 'แผนภูมิ', xLabels: YEARS, unitLabel: 'ร้อยละ', formatValue: String, series };
    const html = renderToStaticMarkup(createElement(Fragment, null, createElement(LineChart, props), createElement(LineChart, props)));
    const titleIds = [...html.matchAll(/<title id="([^"]+)"/g)].map((m) => m[1]!);
    expect(titleIds).toHaveLength(2);
    expect(titleIds[0]).not.toBe(titleIds[1]);
    const labelledBy = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1]!);
    expect(labelledBy).toEqual(titleIds);
  });
});

describe('no data', () => {
  it('shows the default message when every value is null', () => {
    const svg = render({
      series: [
        { key: 'a', label: 'ก', values: [null, null, null, null, null] },
        { key: 'b', label: 'ข', values: [] },
      ],
    });
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(texts(svg)).toEqual(['ไม่มีข้อมูล']);
    expect(svg).toMatch(/<text x="320" y="\d+" text-anchor="middle"/);
    expect(svg).not.toContain('data-series');
  });

  it('shows the caller’s message, and also when there are no series at all', () => {
    expect(texts(render({ emptyMessage: 'ยังไม่มีรายงาน', series: [] }))).toEqual(['ยังไม่มีรายงาน']);
  });
});
