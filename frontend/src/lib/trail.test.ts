import { describe, expect, it } from 'vitest';
import type { ClaimEvent } from '../api/types';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { formatTimestamp } from './format';
import { trailEntry, type TrailContext } from './trail';

const NBSP = '\u00a0';
const names: Record<string, string> = { chair: 'Silla' };
const spanish: TrailContext = {
  t: es,
  language: 'es-CO',
  categoryName: (code) => names[code] ?? code,
  ownerIsReading: true,
  timeZone: 'America/Bogota',
};
const english: TrailContext = { ...spanish, t: en, language: 'en', categoryName: () => 'Chair' };

function event(
  kind: ClaimEvent['kind'],
  data: Record<string, unknown> = {},
  extra: Partial<ClaimEvent> = {},
): ClaimEvent {
  return {
    id: 1,
    kind,
    actor: 'Ana Torres',
    actor_role: 'worker',
    at: '2026-11-28T15:42:00Z',
    expense_id: 3,
    data,
    ...extra,
  };
}

const hugo = { actor: 'Hugo Ramírez', actor_role: 'hr' } as const;

describe('trail sentences', () => {
  it('tell the worker who from HR viewed their receipt, and when', () => {
    const viewed = event('receipt_viewed', { receipt_id: 9 }, hugo);
    expect(trailEntry(viewed, spanish)).toEqual({
      id: 1,
      text: 'Hugo Ramírez (RR. HH.) vio su recibo',
      quote: null,
      when: '28/11/2026 10:42',
      byReviewer: true,
    });
    expect(trailEntry(viewed, { ...english, ownerIsReading: false }).text).toBe('Hugo Ramírez (HR) viewed the receipt');
  });

  it('say what was decided, with the amount, the reason and the note apart', () => {
    const decided = event(
      'decided',
      { decision: 'partial', approved_amount: '600000.00', reason_code: 'over_cap', note: 'Tope de sillas' },
      hugo,
    );
    expect(trailEntry(decided, spanish)).toMatchObject({
      text: `Hugo Ramírez (RR. HH.) decidió la línea 3: Aprobado en parte ($${NBSP}600.000) — motivo: Supera el tope`,
      quote: 'Tope de sillas',
    });
    expect(trailEntry(event('decided', { decision: 'approve', reason_code: null }, hugo), english).text).toBe(
      'Hugo Ramírez (HR) decided line 3: Approved',
    );
  });

  it('cover the worker’s own steps and the system’s reading', () => {
    expect(trailEntry(event('expense_created', { category: 'chair' }), spanish).text).toBe(
      'Ana Torres agregó la línea 3 (Silla)',
    );
    expect(
      trailEntry(
        event('amount_read', { amount: '500000.00', currency: 'COP' }, { actor: null, actor_role: null }),
        spanish,
      ).text,
    ).toBe(`Valor leído del recibo de la línea 3: $${NBSP}500.000`);
    expect(
      trailEntry(event('amount_changed', { old: '500000.00', new: '450000.00', currency: 'COP' }), english).text,
    ).toBe(`Ana Torres changed the amount of line 3 from COP${NBSP}500,000 to COP${NBSP}450,000`);
    expect(trailEntry(event('submitted', { resubmitted: true }), spanish).text).toBe(
      'Ana Torres envió de nuevo la reclamación',
    );
    expect(trailEntry(event('appealed', { note: 'Era la única silla' }), english)).toMatchObject({
      text: 'Ana Torres appealed line 3',
      quote: 'Era la única silla',
    });
  });

  it('tell of second thoughts: a claim taken back, a decision undone', () => {
    expect(trailEntry(event('recalled', {}), spanish).text).toBe('Ana Torres retiró la reclamación para cambiarla');
    expect(
      trailEntry(event('decision_undone', { decision: 'reject', reason_code: 'duplicate' }, hugo), english).text,
    ).toBe('Hugo Ramírez (HR) undid the decision on line 3 (Rejected); it waits for a decision again');
  });

  it('still say something for an event kind it does not know', () => {
    expect(trailEntry(event('archived' as ClaimEvent['kind']), english).text).toBe('Event: archived');
  });
});

describe('formatTimestamp', () => {
  it('writes the minute in the reader’s way', () => {
    expect(formatTimestamp('2026-11-28T15:42:00Z', 'es-CO', 'America/Bogota')).toBe('28/11/2026 10:42');
    expect(formatTimestamp('2026-11-28T15:42:00Z', 'en', 'America/Bogota')).toMatch(/^Nov 28, 2026, 10:42\sAM$/); // ICU versions differ on the space
    expect(formatTimestamp('nope', 'en')).toBeNull();
  });
});
