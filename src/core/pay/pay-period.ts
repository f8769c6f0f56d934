import { HiloError } from '../errors.js';

/** A payroll period of whole UTC days: `from` and `to` both count, as payroll dates do. */
export interface PayPeriod {
  /** First day, YYYY-MM-DD. */
  readonly from: string;
  /** Last day, YYYY-MM-DD, counted in full. */
  readonly to: string;
  /** ISO-8601 instant the period starts at (inclusive): `from` 00:00 UTC. */
  readonly start: string;
  /** ISO-8601 instant the period ends at (exclusive): the day after `to`, 00:00 UTC. */
  readonly end: string;
}

const DAY_MS = 86_400_000;

/** What the bounds are called in errors: `from`/`to` in the API, `--from`/`--to` on the CLI. */
export interface BoundNames {
  readonly from: string;
  readonly to: string;
}

/**
 * The period from `from` to `to`, both whole UTC days included: an answer counts when
 * `start ≤ answered at < end`. INVALID_INPUT, naming the bound, for a date that is not a real
 * YYYY-MM-DD date or for `to` before `from`.
 * @example payPeriod('2026-12-01', '2026-12-31').end // '2027-01-01T00:00:00.000Z'
 * Complexity: O(1).
 */
export function payPeriod(
  from: string,
  to: string,
  names: BoundNames = { from: 'from', to: 'to' },
): PayPeriod {
  const startMs = dayStart(names.from, from);
  const lastMs = dayStart(names.to, to);
  if (lastMs < startMs) {
    throw new HiloError('INVALID_INPUT', `${names.to} ${to} is before ${names.from} ${from}`);
  }
  return {
    from,
    to,
    start: new Date(startMs).toISOString(),
    end: new Date(lastMs + DAY_MS).toISOString(),
  };
}

/**
 * The calendar month so far: its first day to the day of `nowMs` (UTC).
 * @example monthToDate(Date.UTC(2026, 11, 7, 12)) // { from: '2026-12-01', to: '2026-12-07', … }
 * Complexity: O(1).
 */
export function monthToDate(nowMs: number): PayPeriod {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  return payPeriod(`${today.slice(0, 8)}01`, today);
}

function dayStart(name: string, value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  // Date.UTC rolls 2026-02-30 over to March; a real date reads back unchanged.
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new HiloError('INVALID_INPUT', `${name} "${value}" is not a date (YYYY-MM-DD)`);
  }
  return ms;
}
