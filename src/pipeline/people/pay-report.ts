import type { PayPeriod } from '../../core/pay/pay-period.js';
import { payRate, personPay, type PayRate } from '../../core/pay/person-pay.js';
import { workedMs } from '../../core/pay/worked-time.js';
import type { AnnotatorRole, AnnotatorState } from '../../core/ports/people-store.js';
import type { PaySettings } from '../../core/project.js';
import { paidAnswers } from './paid-answers.js';
import { peopleConfig, type PeopleContext } from './people-context.js';
import { wilsonInterval } from './quality-rules.js';

/** One person's figures and pay over a period. Amounts are USD, to the cent. */
export interface PersonPay {
  readonly id: string;
  readonly name: string;
  readonly role: AnnotatorRole;
  readonly state: AnnotatorState;
  readonly discounted: boolean;
  /** Paid answers: tasks and controls (skips and exam answers are not paid). */
  readonly answers: number;
  /** Answers on items with a final label (people's decision, or a control's gold label). */
  readonly decided: number;
  /** Decided answers that agree with the final label. */
  readonly accepted: number;
  /** First answers to controls, and the share right with its 95% Wilson interval. */
  readonly controls: number;
  readonly controlsCorrect: number;
  readonly controlAccuracy: number | null;
  readonly controlInterval: { readonly low: number; readonly high: number };
  /** Time worked, lease to answer, overlapping leases counted once. */
  readonly hours: number;
  readonly baseUsd: number;
  readonly bonusUsd: number;
  readonly totalUsd: number;
  readonly bonusEarned: boolean;
}

/** Everyone's pay over a period, at the project's rate and bonus rule. */
export interface PayReport {
  readonly period: PayPeriod;
  readonly rate: PayRate;
  readonly bonus: PaySettings['bonus'];
  /** People with at least one paid answer in the period, by name. */
  readonly people: readonly PersonPay[];
  readonly totals: {
    readonly answers: number;
    readonly hours: number;
    readonly baseUsd: number;
    readonly bonusUsd: number;
    readonly totalUsd: number;
  };
}

/**
 * Pay for a period, for payroll (hilo pays nobody): per person, paid answers, accepted answers,
 * first-answer control accuracy with its Wilson interval, hours worked, and base pay at the cost
 * model's human price (`people.pay.basis`: per answer or per hour) plus the bonus when control
 * accuracy meets `people.pay.bonus`. People suspended or discounted by a rule (state when the
 * report is made) keep their base pay and get no bonus; a suspended person has no answers after
 * the suspension, since none are taken.
 * @example const report = await payReport(ctx, payPeriod('2026-12-01', '2026-12-31'))
 * Complexity: O(human votes + assignments + queue + people log people).
 */
export async function payReport(ctx: PeopleContext, period: PayPeriod): Promise<PayReport> {
  const settings = peopleConfig(ctx.project).pay;
  const rate = payRate(ctx.project.prices, settings);
  const work = await paidAnswers(ctx, period);
  const people: PersonPay[] = [];
  for (const annotator of await ctx.store.people.listAnnotators()) {
    const done = work.get(annotator.id);
    if (done === undefined) continue;
    const ms = workedMs(done.intervals);
    const pay = personPay(
      {
        answers: done.answers,
        workedMs: ms,
        controls: done.controls,
        controlsCorrect: done.controlsCorrect,
        bonusEligible: annotator.state !== 'suspended' && !annotator.discounted,
      },
      { rate, bonus: settings.bonus },
    );
    people.push({
      id: annotator.id,
      name: annotator.name,
      role: annotator.role,
      state: annotator.state,
      discounted: annotator.discounted,
      answers: done.answers,
      decided: done.decided,
      accepted: done.accepted,
      controls: done.controls,
      controlsCorrect: done.controlsCorrect,
      controlAccuracy: done.controls === 0 ? null : done.controlsCorrect / done.controls,
      controlInterval: wilsonInterval(done.controlsCorrect, done.controls),
      hours: ms / 3_600_000,
      baseUsd: pay.baseCents / 100,
      bonusUsd: pay.bonusCents / 100,
      totalUsd: pay.totalCents / 100,
      bonusEarned: pay.bonusEarned,
    });
  }
  people.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { period, rate, bonus: settings.bonus, people, totals: totalsOf(people) };
}

function totalsOf(people: readonly PersonPay[]): PayReport['totals'] {
  let answers = 0;
  let hours = 0;
  let base = 0;
  let bonus = 0;
  for (const p of people) {
    answers += p.answers;
    hours += p.hours;
    base += Math.round(p.baseUsd * 100);
    bonus += Math.round(p.bonusUsd * 100);
  }
  return {
    answers,
    hours,
    baseUsd: base / 100,
    bonusUsd: bonus / 100,
    totalUsd: (base + bonus) / 100,
  };
}
