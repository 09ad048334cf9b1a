import { type ReactNode, useId } from 'react';

// A multi-series line chart drawn as plain SVG on the server: no client JS, no chart library, and it
// prints. Each series differs in colour, dash and marker so it still reads in greyscale and for
// colour-blind readers. All coordinates are rounded to 0.1 so the markup is small and deterministic.

export interface ChartSeries {
  key: string;
  label: string;
  /** One value per x label; null = no data (the line breaks, no marker). */
  values: readonly (number | null)[];
}

export interface LineChartProps {
  /** Accessible name: the SVG's <title>. */
  title: string;
  /** Longer description: the SVG's <desc>. */
  description?: string;
  xLabels: readonly string[];
  series: readonly ChartSeries[];
  /** Caption above the y axis, e.g. 'ร้อยละ'. */
  unitLabel: string;
  /** Formats tick and point labels (the caller supplies Thai number formatting). */
  formatValue: (value: number) => string;
  /** Fixed top of the y axis (e.g. 100 for percentages); data above it still extends the axis. */
  yMax?: number;
  /** Shown instead of the chart when every value is null. */
  emptyMessage?: string;
  /** A narrower drawing with relatively larger text, for phones. */
  compact?: boolean;
}

/** The drawing's size: the default fills a page column; `compact` is for a phone (≈ 360 px), with
 * a narrower viewBox so the text stays readable when the SVG is scaled down to the screen. */
interface Layout {
  width: number;
  plotTop: number;
  plotHeight: number;
  rightMargin: number; // room for the value label beside each line's last point
  font: number;
  smallFont: number;
  legendRow: number;
  legendSample: number;
}
const WIDE: Layout = { width: 640, plotTop: 32, plotHeight: 196, rightMargin: 64, font: 14, smallFont: 13, legendRow: 24, legendSample: 34 };
const COMPACT: Layout = { width: 360, plotTop: 32, plotHeight: 180, rightMargin: 54, font: 15, smallFont: 14, legendRow: 24, legendSample: 28 };
const X_PADDING = 18; // keeps the first and last points off the axis ends
const LABEL_GAP = 12; // a value label closer than this to one already placed is dropped
const MARKER = 4.5;
const TEXT = '#333333';
const MUTED = '#595959';
const GRID = '#dddddd';
const AXIS = '#767676';

// Okabe–Ito hues darkened to at least 4.5:1 against white, so the value labels in series colour pass
// WCAG AA for text as well as the 3:1 needed for lines.
const COLOURS = ['#0072B2', '#B3400E', '#00734F', '#A3306F', '#6B5A00', '#333333'] as const;
// Dash patterns with butt caps, so dots stay dots.
const DASHES = [undefined, '9 4', '2 3', '12 3 2 3', '5 2', '12 3 2 3 2 3'] as const;
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'triangleDown', 'cross'] as const;
type Marker = (typeof MARKERS)[number];

interface SeriesStyle {
  colour: string;
  dash: string | undefined;
  marker: Marker;
}

/** Colour, dash and marker for the i-th series; past six the dash shifts so no two series match. */
function seriesStyle(i: number): SeriesStyle {
  const n = COLOURS.length;
  return {
    colour: COLOURS[i % n]!,
    dash: DASHES[(i + Math.floor(i / n)) % n],
    marker: MARKERS[(i + 2 * Math.floor(i / n)) % n]!,
  };
}

/** One decimal place: keeps the markup small and the same on every render. */
function r1(n: number): number {
  const rounded = Math.round(n * 10) / 10;
  return rounded === 0 ? 0 : rounded; // no '-0'
}

/** Rough text width for layout; Thai vowel and tone marks stack on their consonant and take no width. */
function textWidth(text: string, fontSize: number): number {
  const advancing = text.replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g, '');
  return advancing.length * fontSize * 0.58;
}

interface Scale {
  min: number;
  max: number;
  ticks: number[];
}

// Round steps, roundest first. Neighbours are at most 5/3 apart, so some step always gives 4–5 intervals from 0.
const STEP_MULTIPLIERS = [1, 2, 5, 2.5, 4, 3, 1.5, 6] as const;

/** A y scale from 0 (or below, for negative data) with round steps, aiming at 4–5 intervals. */
function niceScale(dataMin: number, dataMax: number, fixedMax: number | undefined): Scale {
  const low = Math.min(0, dataMin);
  const fixed = fixedMax !== undefined && fixedMax > low && dataMax <= fixedMax ? fixedMax : undefined;
  const high = fixed ?? (dataMax > low ? dataMax : low + 1);
  const magnitude = Math.floor(Math.log10((high - low) / 5));
  let best: { step: number; min: number; max: number; score: number } | undefined;
  for (let power = magnitude - 1; power <= magnitude + 2; power++) {
    for (const [rank, m] of STEP_MULTIPLIERS.entries()) {
      const step = m * 10 ** power;
      const min = Math.floor(low / step + 1e-9) * step;
      const max = fixed ?? Math.ceil(high / step - 1e-9) * step;
      const intervals = Math.round((max - min) / step);
      if (Math.abs(min + intervals * step - max) > step * 1e-6) continue; // a fixed max must land on a tick
      // Prefer 4–5 intervals, then the tightest range, then the roundest step.
      const miss = intervals < 4 ? 4 - intervals : intervals > 5 ? intervals - 5 : 0;
      const score = miss * 1e6 + ((max - min) / (high - low)) * 1e3 + rank;
      if (!best || score < best.score) best = { step, min, max, score };
    }
  }
  // A fixed max with no round step giving 4–8 intervals (e.g. 13) falls back to quarters.
  const { step, min, max } = best && best.score < 4e6 ? best : { step: (high - low) / 4, min: low, max: high };
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step * 1e-6; i++) ticks.push(Number((min + i * step).toPrecision(12)));
  return { min, max, ticks };
}

function markerPath(shape: Marker, x: number, y: number): string {
  const s = MARKER;
  switch (shape) {
    case 'circle':
      return `M${r1(x - s)} ${r1(y)}a${s} ${s} 0 1 0 ${2 * s} 0a${s} ${s} 0 1 0 ${-2 * s} 0Z`;
    case 'square':
      return `M${r1(x - s + 0.5)} ${r1(y - s + 0.5)}h${2 * s - 1}v${2 * s - 1}h${1 - 2 * s}Z`;
    case 'triangle':
      return `M${r1(x)} ${r1(y - s - 1)}L${r1(x + s + 0.5)} ${r1(y + s - 0.5)}H${r1(x - s - 0.5)}Z`;
    case 'triangleDown':
      return `M${r1(x)} ${r1(y + s + 1)}L${r1(x + s + 0.5)} ${r1(y - s + 0.5)}H${r1(x - s - 0.5)}Z`;
    case 'diamond':
      return `M${r1(x)} ${r1(y - s - 1)}L${r1(x + s + 1)} ${r1(y)}L${r1(x)} ${r1(y + s + 1)}L${r1(x - s - 1)} ${r1(y)}Z`;
    case 'cross': {
      const a = s + 0.5;
      const b = 1.6; // half the arm thickness
      return (
        `M${r1(x - a)} ${r1(y - b)}H${r1(x - b)}V${r1(y - a)}H${r1(x + b)}V${r1(y - b)}H${r1(x + a)}` +
        `V${r1(y + b)}H${r1(x + b)}V${r1(y + a)}H${r1(x - b)}V${r1(y + b)}H${r1(x - a)}Z`
      );
    }
  }
}

function MarkerShape({ style, x, y }: { style: SeriesStyle; x: number; y: number }) {
  return <path d={markerPath(style.marker, x, y)} fill={style.colour} stroke="#ffffff" strokeWidth={1} />;
}

interface LegendItem {
  series: ChartSeries;
  style: SeriesStyle;
  x: number;
  row: number;
}

/** Lays legend items left to right, wrapping to a new row when the next would pass the right edge. */
function layoutLegend(series: readonly ChartSeries[], layout: Layout): { items: LegendItem[]; rows: number } {
  const left = 8;
  const right = layout.width - 8;
  const items: LegendItem[] = [];
  let x = left;
  let row = 0;
  series.forEach((s, i) => {
    const width = layout.legendSample + 6 + textWidth(s.label, layout.font);
    if (x > left && x + width > right) {
      row++;
      x = left;
    }
    items.push({ series: s, style: seriesStyle(i), x, row });
    x += width + 20;
  });
  return { items, rows: row + 1 };
}

export function LineChart(props: LineChartProps) {
  const { title, description, xLabels, series, unitLabel, formatValue, yMax, emptyMessage = 'ไม่มีข้อมูล', compact = false } = props;
  const layout = compact ? COMPACT : WIDE;
  const plotBottom = layout.plotTop + layout.plotHeight;
  const legendTop = plotBottom + 36;
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const labelledBy = description ? `${titleId} ${descId}` : titleId;
  // The drawing, named by its title and description, of the given height.
  const svg = (height: number, drawing: ReactNode) => (
    <svg
      viewBox={`0 0 ${layout.width} ${height}`}
      width="100%"
      style={{ height: 'auto' }}
      role="img"
      aria-labelledby={labelledBy}
      fontFamily="inherit"
    >
      <title id={titleId}>{title}</title>
      {description ? <desc id={descId}>{description}</desc> : null}
      {drawing}
    </svg>
  );

  const values = series.flatMap((s) => s.values.slice(0, xLabels.length).filter((v): v is number => v !== null && Number.isFinite(v)));
  if (values.length === 0) {
    const height = 160;
    return svg(
      height,
      <>
        <rect x={0.5} y={0.5} width={layout.width - 1} height={height - 1} fill="none" stroke={GRID} />
        <text x={layout.width / 2} y={height / 2 + 5} textAnchor="middle" fontSize={layout.font} fill={MUTED}>
          {emptyMessage}
        </text>
      </>,
    );
  }

  const scale = niceScale(Math.min(...values), Math.max(...values), yMax);
  const tickLabels = scale.ticks.map((t) => formatValue(t));
  const plotLeft = r1(Math.min(140, Math.max(36, Math.max(...tickLabels.map((t) => textWidth(t, layout.smallFont))) + 14)));
  const plotRight = layout.width - layout.rightMargin;
  const innerWidth = plotRight - plotLeft - 2 * X_PADDING;
  const xStep = xLabels.length > 1 ? innerWidth / (xLabels.length - 1) : 0;
  const xAt = (i: number) => r1(xLabels.length === 1 ? (plotLeft + plotRight) / 2 : plotLeft + X_PADDING + i * xStep);
  const yAt = (v: number) => r1(plotBottom - ((v - scale.min) / (scale.max - scale.min)) * layout.plotHeight);

  const legend = layoutLegend(series, layout);
  const height = legendTop + legend.rows * layout.legendRow + 4;

  const lines = series.map((s, i) => {
    const points = xLabels.flatMap((_, xi) => {
      const v = s.values[xi];
      return v === null || v === undefined || !Number.isFinite(v) ? [] : [{ xi, x: xAt(xi), y: yAt(v), v }];
    });
    // A gap in the data starts a new subpath with M rather than bridging missing years.
    const d = points.map((p, k) => `${k > 0 && points[k - 1]!.xi === p.xi - 1 ? 'L' : 'M'}${p.x} ${p.y}`).join('');
    return { series: s, style: seriesStyle(i), points, d };
  });

  // Label each line's last point, earlier series first; skip a label that would crowd one already placed.
  const placed: { x: number; y: number; width: number }[] = [];
  const valueLabels: { key: string; x: number; y: number; text: string; colour: string }[] = [];
  for (const line of lines) {
    const last = line.points.at(-1);
    if (!last) continue;
    const text = formatValue(last.v);
    const width = textWidth(text, layout.smallFont);
    const x = r1(Math.min(last.x + 8, layout.width - 2 - width));
    const y = last.y;
    if (placed.some((p) => Math.abs(p.y - y) < LABEL_GAP && x < p.x + p.width && p.x < x + width)) continue;
    placed.push({ x, y, width });
    valueLabels.push({ key: line.series.key, x, y: r1(y + 4.5), text, colour: line.style.colour });
  }

  return svg(
    height,
    <>
      <text x={8} y={layout.plotTop - 14} fontSize={layout.smallFont} fill={MUTED}>
        {unitLabel}
      </text>
      {scale.ticks.map((t, i) => (
        <g key={t}>
          <line x1={plotLeft} y1={yAt(t)} x2={plotRight} y2={yAt(t)} stroke={t === 0 ? AXIS : GRID} strokeWidth={1} />
          <text x={plotLeft - 6} y={r1(yAt(t) + 4.5)} textAnchor="end" fontSize={layout.smallFont} fill={MUTED}>
            {tickLabels[i]}
          </text>
        </g>
      ))}
      <g fontSize={layout.smallFont} fill={TEXT} textAnchor="middle">
        {xLabels.map((label, i) => (
          <text key={label} x={xAt(i)} y={plotBottom + 20}>
            {label}
          </text>
        ))}
      </g>
      {lines.map((line) => (
        <g key={line.series.key} data-series={line.series.key}>
          <path
            d={line.d}
            fill="none"
            stroke={line.style.colour}
            strokeWidth={2.5}
            strokeDasharray={line.style.dash}
            strokeLinejoin="round"
          />
          {line.points.map((p) => (
            <MarkerShape key={p.xi} style={line.style} x={p.x} y={p.y} />
          ))}
        </g>
      ))}
      <g fontSize={layout.smallFont} fontWeight="bold" stroke="#ffffff" strokeWidth={3} paintOrder="stroke" strokeLinejoin="round">
        {valueLabels.map((l) => (
          <text key={l.key} x={l.x} y={l.y} fill={l.colour}>
            {l.text}
          </text>
        ))}
      </g>
      <g fontSize={layout.font} fill={TEXT}>
        {legend.items.map(({ series: s, style, x, row }) => {
          const y = legendTop + row * layout.legendRow + layout.legendRow / 2;
          return (
            <g key={s.key}>
              <line
                x1={r1(x)}
                y1={y}
                x2={r1(x + layout.legendSample)}
                y2={y}
                stroke={style.colour}
                strokeWidth={2.5}
                strokeDasharray={style.dash}
              />
              <MarkerShape style={style} x={r1(x + layout.legendSample / 2)} y={y} />
              <text x={r1(x + layout.legendSample + 6)} y={y + 5}>
                {s.label}
              </text>
            </g>
          );
        })}
      </g>
    </>,
  );
}
