// Horizontal bars drawn on the server as SVG: readable without JavaScript and on paper.

export interface Bar {
  label: string;
  value: number;
  text: string;
}

export function BarChart({ title, bars, max }: { title: string; bars: readonly Bar[]; max?: number }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const row = 28;
  const height = bars.length * row + 4;
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" role="img" aria-label={title} width="100%" height={height}>
        {bars.map((b, i) => (
          <rect key={b.label} x="0" y={i * row + 14} height="10" width={Math.max(0, (b.value / top) * 100)} className="bar-chart__bar" />
        ))}
      </svg>
      <ul className="bar-chart__labels" style={{ height }}>
        {bars.map((b) => (
          <li key={b.label}>
            <span>{b.label}</span> <strong>{b.text}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}
