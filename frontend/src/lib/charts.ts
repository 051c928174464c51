// The dashboard's charts, as plain numbers: month ranges, scales and the position of every bar.
// The SVG components only draw what these functions work out, so all of it is unit-tested.

/** "2026-11" for a local date (the month the reader is in, not UTC's). */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** "2026-11" moved by `delta` months: addMonths("2026-01", -1) === "2025-12". */
export function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The default period: the last `count` months, ending with the current one. */
export function lastMonths(today: Date, count = 12): { from: string; to: string } {
  const to = monthOf(today);
  return { from: addMonths(to, -(count - 1)), to };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type RangeProblem = 'from' | 'to' | 'order' | 'length' | null;

/** What is wrong with a from/to pair before it is sent (the server checks again). */
export function rangeProblem(from: string, to: string, maxMonths = 24): RangeProblem {
  if (!MONTH.test(from)) return 'from';
  if (!MONTH.test(to)) return 'to';
  if (from > to) return 'order';
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + tm - fm + 1 > maxMonths ? 'length' : null;
}

/** A round top for an axis at or above `max`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max - 1e-9 * power) return step * power;
  }
  return 10 * power;
}

/** Evenly spaced ticks from 0 to `top` inclusive. */
export function ticks(top: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

/** The length of a bar for `value` on an axis 0..top drawn `span` units long (never negative). */
export function scale(value: number, top: number, span: number): number {
  if (!Number.isFinite(value) || value <= 0 || top <= 0) return 0;
  return Math.min(span, (value / top) * span);
}

/** One value of a row; null when it is not known (suppressed). */
export interface ChartValue {
  value: number;
  /** The value as a person reads it ("$ 1.250.000"). */
  label: string;
}

export interface ChartRow {
  key: string;
  label: string;
  /** One entry per series; null for the whole row means its figures are suppressed. */
  values: ChartValue[] | null;
  /** Added after the values ("+ part hidden"). */
  note?: string;
}

export interface BarBox {
  x: number;
  y: number;
  width: number;
  height: number;
  series: number;
  label: string;
  /** Where the value's text goes (just after the bar). */
  textX: number;
}

export interface RowBox {
  key: string;
  label: string;
  labelY: number;
  bars: BarBox[];
  /** Set when the row is suppressed: the placeholder drawn in place of its bars. */
  hidden: { x: number; y: number; width: number; height: number; textX: number; textY: number } | null;
  note?: string;
}

export interface Layout {
  width: number;
  height: number;
  top: number;
  ticks: { value: number; x: number }[];
  rows: RowBox[];
  plotX: number;
  plotWidth: number;
}

export const CHART = {
  width: 300,
  left: 2,
  /** Room kept on the right of the longest bar for its value. */
  valueRoom: 100,
  labelHeight: 18,
  barHeight: 14,
  barGap: 3,
  rowGap: 10,
  axisHeight: 6,
} as const;

/** Horizontal bars, one group per row with its label above: drawn 1:1 on a 360 px phone. */
export function layoutBars(rows: readonly ChartRow[], seriesCount: number, tickCount = 4): Layout {
  const { width, left, valueRoom, labelHeight, barHeight, barGap, rowGap, axisHeight } = CHART;
  const plotX = left;
  const plotWidth = width - left - valueRoom;
  const max = Math.max(0, ...rows.flatMap((row) => (row.values ?? []).map((v) => v.value)));
  const top = niceMax(max);
  let y = axisHeight;
  const boxes: RowBox[] = rows.map((row) => {
    const labelY = y + labelHeight - 4;
    y += labelHeight;
    let bars: BarBox[] = [];
    let hidden: RowBox['hidden'] = null;
    if (row.values) {
      bars = row.values.slice(0, seriesCount).map((v, series) => {
        const w = scale(v.value, top, plotWidth);
        const box = {
          x: plotX,
          y: y + series * (barHeight + barGap),
          width: w,
          height: barHeight,
          series,
          label: v.label,
          textX: plotX + w + 4,
        };
        return box;
      });
      y += seriesCount * (barHeight + barGap) - barGap;
    } else {
      hidden = { x: plotX, y, width: 24, height: barHeight, textX: plotX + 30, textY: y + barHeight - 3 };
      y += barHeight;
    }
    y += rowGap;
    return { key: row.key, label: row.label, labelY, bars, hidden, ...(row.note ? { note: row.note } : {}) };
  });
  return {
    width,
    height: Math.max(y, axisHeight + 20),
    top,
    ticks: ticks(top, tickCount).map((value) => ({ value, x: plotX + scale(value, top, plotWidth) })),
    rows: boxes,
    plotX,
    plotWidth,
  };
}

/** A money string from the API as a number for the scale ("1350000.00" -> 1350000). */
export function amount(value: string | null | undefined): number | null {
  if (value == null) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export interface DenialEntry {
  reason: string;
  suppressed: boolean;
  lines: number | null;
}

export interface ReasonTotal {
  reason: string;
  /** Lines denied for this reason in the groups that are shown. */
  lines: number;
  /** How many category-month groups for this reason are suppressed. */
  hidden: number;
  /** Whether any group for this reason is shown at all. */
  shown: boolean;
}

/** Denials summed per reason over categories and months; suppressed groups are counted, never guessed. */
export function denialsByReason(denials: readonly DenialEntry[], order: readonly string[] = []): ReasonTotal[] {
  const totals = new Map<string, ReasonTotal>();
  for (const denial of denials) {
    const total = totals.get(denial.reason) ?? { reason: denial.reason, lines: 0, hidden: 0, shown: false };
    if (denial.suppressed || denial.lines == null) total.hidden += 1;
    else {
      total.lines += denial.lines;
      total.shown = true;
    }
    totals.set(denial.reason, total);
  }
  const rank = (reason: string) => {
    const i = order.indexOf(reason);
    return i === -1 ? order.length : i;
  };
  return [...totals.values()].sort((a, b) => rank(a.reason) - rank(b.reason) || a.reason.localeCompare(b.reason));
}

/** A figure for a table cell: its text, or the suppression notice. */
export function figureText<T>(
  suppressed: boolean,
  value: T | null | undefined,
  format: (value: T) => string | null,
  hiddenText: string,
): string {
  if (suppressed) return hiddenText;
  if (value == null) return '—';
  return format(value) ?? '—';
}
