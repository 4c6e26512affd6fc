import { describe, expect, it } from 'vitest';
import { coveringPlans, movedDueDate, nextInstalment, type PlanFacts } from './plan-coverage.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** Daniela's plan: three monthly instalments from 5 December 2026. */
const instalments: PlanFacts = {
  id: 'plan_split',
  kind: 'instalments',
  status: 'active',
  created_at: new Date('2026-11-28T10:00:00Z'),
  invoice_ids: ['inv_a', 'inv_b'],
  schedule: [
    { dueDate: '2026-12-05', amount: eur(4002), status: 'upcoming' },
    { dueDate: '2027-01-05', amount: eur(4000), status: 'upcoming' },
    { dueDate: '2027-02-05', amount: eur(4000), status: 'upcoming' },
  ],
};

const extension: PlanFacts = {
  id: 'plan_move',
  kind: 'extension',
  status: 'approved',
  created_at: new Date('2026-11-29T10:00:00Z'),
  invoice_ids: ['inv_c'],
  schedule: [{ dueDate: '2026-12-25', amount: eur(5898), status: 'upcoming' }],
};

describe('plan coverage', () => {
  it('maps each invoice to the open plan covering it; pending, declined and completed plans cover nothing', () => {
    const covering = coveringPlans([
      instalments,
      extension,
      { ...extension, id: 'plan_asked', status: 'pending', invoice_ids: ['inv_d'] },
      { ...extension, id: 'plan_no', status: 'declined', invoice_ids: ['inv_e'] },
      { ...extension, id: 'plan_done', status: 'completed', invoice_ids: ['inv_f'] },
    ]);
    expect([...covering.keys()].sort()).toEqual(['inv_a', 'inv_b', 'inv_c']);
    expect(covering.get('inv_b')?.id).toBe('plan_split');
  });

  it('lets the newest plan count when two cover one invoice', () => {
    const newer = { ...extension, id: 'plan_newer', invoice_ids: ['inv_a'], created_at: '2026-12-01T09:00:00Z' };
    expect(coveringPlans([newer, instalments]).get('inv_a')?.id).toBe('plan_newer');
  });

  it('names the first unpaid instalment as the next, a missed one before later ones', () => {
    expect(nextInstalment(instalments)).toEqual({ dueDate: '2026-12-05', amount: eur(4002), status: 'upcoming' });
    const [first, second, third] = instalments.schedule;
    const paidOnce = { ...instalments, schedule: [third!, { ...first!, status: 'paid' as const }, second!] };
    expect(nextInstalment(paidOnce)?.dueDate).toBe('2027-01-05');
    const missed = { ...instalments, schedule: [{ ...first!, status: 'missed' as const }, second!, third!] };
    expect(nextInstalment(missed)?.status).toBe('missed');
    expect(nextInstalment({ ...instalments, schedule: instalments.schedule.map((i) => ({ ...i, status: 'paid' as const })) })).toBeUndefined();
  });

  it('moves the due date only for an extension', () => {
    expect(movedDueDate(extension)).toBe('2026-12-25');
    expect(movedDueDate(instalments)).toBeUndefined();
    expect(movedDueDate(undefined)).toBeUndefined();
  });
});
