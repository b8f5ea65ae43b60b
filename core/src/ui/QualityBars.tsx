/** @jsxImportSource preact */
import type { LinkQuality } from '../types.js';

const FILLED: Record<LinkQuality['level'], number> = { unknown: 0, poor: 1, fair: 2, good: 3 };

/** "RTT 23 ms · loss 0.5% · jitter 4 ms", with what is known. */
export function qualityDetails(quality: LinkQuality): string {
  const parts: string[] = [];
  if (quality.rttMs !== null) parts.push(`RTT ${Math.round(quality.rttMs)} ms`);
  if (quality.packetLoss !== null) parts.push(`loss ${(quality.packetLoss * 100).toFixed(1)}%`);
  if (quality.jitterMs !== null) parts.push(`jitter ${Math.round(quality.jitterMs)} ms`);
  return parts.join(' · ');
}

export interface QualityBarsProps {
  quality: LinkQuality | null | undefined;
  /** Whose connection, for the accessible name ("Your connection", "Connection of Ann"). */
  subject: string;
  /** Where the numbers come from, for the tooltip. */
  source: 'local' | 'server';
}

/** Three bars for a connection's quality, with its numbers as a tooltip and as text for screen readers. */
export function QualityBars({ quality, subject, source }: QualityBarsProps) {
  const level = quality?.level ?? 'unknown';
  const details = quality ? qualityDetails(quality) : '';
  const origin = source === 'server' ? 'as the server receives it' : 'measured here';
  const label = `${subject}: ${level === 'unknown' ? 'quality not measured yet' : `${level} quality`}${details ? `, ${details}` : ''} (${origin})`;
  const filled = FILLED[level];
  return (
    <span class={`vx-quality vx-quality--${level}`} role="img" aria-label={label} title={label} data-testid="quality" data-level={level}>
      {[0, 1, 2].map((i) => (
        <span key={i} class={i < filled ? 'vx-quality__bar vx-quality__bar--on' : 'vx-quality__bar'} style={{ height: `${5 + i * 4}px` }} />
      ))}
    </span>
  );
}
