import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import {
  addMonths,
  CHART,
  denialsByReason,
  figureText,
  lastMonths,
  layoutBars,
  niceMax,
  rangeProblem,
  scale,
  ticks,
} from './charts';

describe('months', () => {
  it('moves across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-11', -11)).toBe('2025-12');
  });

  it('defaults to the last twelve months, ending with the current one', () => {
    expect(lastMonths(new Date(2026, 10, 28))).toEqual({ from: '2025-12', to: '2026-11' });
    expect(lastMonths(new Date(2026, 0, 1), 3)).toEqual({ from: '2025-11', to: '2026-01' });
  });

  it('checks a range before sending it', () => {
    expect(rangeProblem('2025-12', '2026-11')).toBeNull();
    expect(rangeProblem('2025-13', '2026-11')).toBe('from');
    expect(rangeProblem('2025-12', '')).toBe('to');
    expect(rangeProblem('2026-11', '2026-01')).toBe('order');
    expect(rangeProblem('2024-01', '2026-01')).toBe('length');
    expect(rangeProblem('2024-02', '2026-01')).toBeNull(); // exactly 24
  });
});

describe('scales', () => {
  it('rounds the top of the axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(-5)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(1350000)).toBe(2000000);
    expect(niceMax(2100000)).toBe(2500000);
    expect(niceMax(2600000)).toBe(5000000);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(13)).toBe(20);
  });

  it('spaces ticks evenly from zero', () => {
    expect(ticks(2000000)).toEqual([0, 500000, 1000000, 1500000, 2000000]);
  });

  it('scales values to lengths, never negative nor past the end', () => {
    expect(scale(500, 1000, 200)).toBe(100);
    expect(scale(-3, 1000, 200)).toBe(0);
    expect(scale(5000, 1000, 200)).toBe(200);
    expect(scale(Number.NaN, 1000, 200)).toBe(0);
  });
});

describe('layoutBars', () => {
  const rows = [
    {
      key: '2026-10',
      label: 'Oct',
      values: [
        { value: 1000000, label: '$ 1.000.000' },
        { value: 250000, label: '$ 250.000' },
      ],
    },
    { key: '2026-11', label: 'Nov', values: null },
  ];

  it('scales each bar to the shared axis and puts its value right after it', () => {
    const layout = layoutBars(rows, 2);
    expect(layout.top).toBe(1000000);
    const plot = CHART.width - CHART.left - CHART.valueRoom;
    const [spent, reimbursed] = layout.rows[0]!.bars;
    expect(spent!.width).toBeCloseTo(plot);
    expect(reimbursed!.width).toBeCloseTo(plot / 4);
    expect(reimbursed!.textX).toBeCloseTo(CHART.left + plot / 4 + 4);
    expect(reimbursed!.y).toBeGreaterThan(spent!.y);
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 250000, 500000, 750000, 1000000]);
  });

  it('draws a placeholder instead of bars for a suppressed row, and nothing is ever guessed', () => {
    const layout = layoutBars(rows, 2);
    const hidden = layout.rows[1]!;
    expect(hidden.bars).toEqual([]);
    expect(hidden.hidden).not.toBeNull();
    expect(hidden.labelY).toBeGreaterThan(layout.rows[0]!.bars[1]!.y);
    expect(layout.height).toBeGreaterThan(hidden.hidden!.y + hidden.hidden!.height);
  });

  it('copes with every row suppressed (the demo-size data)', () => {
    const layout = layoutBars([{ key: 'a', label: 'A', values: null }], 1);
    expect(layout.top).toBe(1);
    expect(layout.rows[0]!.hidden).not.toBeNull();
  });
});

describe('denialsByReason', () => {
  it('sums the shown groups and counts the suppressed ones, in the reasons order', () => {
    const totals = denialsByReason(
      [
        { reason: 'other', suppressed: false, lines: 2 },
        { reason: 'over_cap', suppressed: false, lines: 12 },
        { reason: 'over_cap', suppressed: true, lines: null },
        { reason: 'duplicate', suppressed: true, lines: null },
        { reason: 'over_cap', suppressed: false, lines: 3 },
      ],
      ['over_cap', 'duplicate', 'other'],
    );
    expect(totals).toEqual([
      { reason: 'over_cap', lines: 15, hidden: 1, shown: true },
      { reason: 'duplicate', lines: 0, hidden: 1, shown: false },
      { reason: 'other', lines: 2, hidden: 0, shown: true },
    ]);
  });
});

describe('figureText', () => {
  it('says a suppressed figure is hidden, in both languages', () => {
    expect(figureText(true, null, String, en.hiddenFigure(10))).toBe('hidden (< 10 people)');
    expect(figureText(true, null, String, es.hiddenFigure(10))).toBe('oculto (< 10 personas)');
  });

  it('formats a shown figure and marks a missing one', () => {
    expect(figureText(false, 7, (n) => `${n} x`, 'hidden')).toBe('7 x');
    expect(figureText(false, null, String, 'hidden')).toBe('—');
  });
});
