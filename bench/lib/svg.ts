// A dependency-free SVG line chart (the docs embed the files).

export interface Series {
  name: string;
  points: Array<[number, number]>;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Horizontal reference lines (goals, thresholds). */
  hLines?: Array<{ y: number; label: string }>;
  yMin?: number;
  yMax?: number;
  width?: number;
  height?: number;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : Number(v.toPrecision(2)).toString());

export function lineChart(o: ChartOptions): string {
  const W = o.width ?? 780;
  const H = o.height ?? 400;
  const m = { l: 70, r: 210, t: 40, b: 50 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const xs = o.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = [...o.series.flatMap((s) => s.points.map((p) => p[1])), ...(o.hLines ?? []).map((h) => h.y)];
  const xMin = Math.min(0, ...xs);
  const xMax = Math.max(1, ...xs);
  const yMin = o.yMin ?? Math.min(0, ...ys);
  const yMax = o.yMax ?? Math.max(1e-9, ...ys) * 1.1;
  const X = (x: number) => m.l + ((x - xMin) / (xMax - xMin || 1)) * pw;
  const Y = (y: number) => m.t + ph - ((Math.min(Math.max(y, yMin), yMax) - yMin) / (yMax - yMin || 1)) * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(o.title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const yv = yMin + ((yMax - yMin) * i) / 5;
    const xv = xMin + ((xMax - xMin) * i) / 5;
    out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${Y(yv)}" y2="${Y(yv)}" stroke="#eee"/>`);
    out.push(`<text x="${m.l - 6}" y="${Y(yv) + 4}" text-anchor="end">${num(yv)}</text>`);
    out.push(`<text x="${X(xv)}" y="${m.t + ph + 16}" text-anchor="middle">${num(xv)}</text>`);
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${m.l + pw / 2}" y="${H - 10}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`);
  for (const h of o.hLines ?? []) {
    out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${Y(h.y)}" y2="${Y(h.y)}" stroke="#999" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${m.l + pw - 4}" y="${Y(h.y) - 4}" text-anchor="end" fill="#666">${esc(h.label)}</text>`);
  }
  o.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    if (pts.length)
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${X(p[0])},${Y(p[1])}`).join(' ')}"/>`);
    for (const p of pts) out.push(`<circle cx="${X(p[0])}" cy="${Y(p[1])}" r="3.5" fill="${color}"/>`);
    out.push(`<rect x="${m.l + pw + 14}" y="${m.t + 10 + i * 20}" width="12" height="12" fill="${color}"/>`);
    out.push(`<text x="${m.l + pw + 32}" y="${m.t + 20 + i * 20}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
