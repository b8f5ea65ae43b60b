/** @jsxImportSource preact */

export interface LevelMeterProps {
  /** Audio level 0..1. */
  level: number;
  /** Accessible name, e.g. "Alice's level". */
  label?: string;
  /** Lit colour when the participant is speaking. */
  active?: boolean;
}

/** A thin horizontal bar whose filled part follows `level`. Uses a transform so updates stay cheap. */
export function LevelMeter({ level, label = 'Audio level', active = false }: LevelMeterProps) {
  const value = Number.isFinite(level) ? Math.min(1, Math.max(0, level)) : 0;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <meter> draws its own bar (styled only through vendor pseudo-elements) and cannot move its fill with a cheap transform; this div carries the meter role and values.
    <div
      class={active ? 'vx-meter vx-meter--active' : 'vx-meter'}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={Math.round(value * 100) / 100}
      data-testid="level-meter"
    >
      <div class="vx-meter__fill" style={{ transform: `scaleX(${value})` }} />
    </div>
  );
}
