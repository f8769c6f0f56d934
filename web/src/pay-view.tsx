import { useCallback, useEffect, useState } from 'react';
import type { PayResponse } from '../../src/contract/pay-api.js';
import { percent, usd } from '../../src/core/format/format-number.js';
import { api } from './api-client.js';
import { FailureNote } from './failure-note.js';
import { useAction } from './use-action.js';

/**
 * Admin: everyone by name, ranked by the leaderboard's score, with their figures and pay over the
 * days chosen (the month so far at first).
 */
export function PayView() {
  const [data, setData] = useState<PayResponse | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const loading = useAction();
  const { run } = loading;
  const load = useCallback(
    (period?: { from: string; to: string }) =>
      run('load the pay report', async () => {
        const report = await api.pay(period);
        setData(report);
        setFrom(report.period.from);
        setTo(report.period.to);
      }),
    [run],
  );
  useEffect(() => load(), [load]);

  return (
    <section data-testid="pay">
      <h2>Leaderboard and pay</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          load({ from, to });
        }}
      >
        <label>
          from <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          to <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" disabled={loading.busy}>
          Show
        </button>
        <span className="muted">whole days (UTC), both included</span>
      </form>
      <FailureNote message={loading.error} />
      {data !== null && <PayTable data={data} />}
    </section>
  );
}

function PayTable({ data }: { data: PayResponse }) {
  const { rate, bonus, totals } = data;
  return (
    <>
      <p data-testid="pay-period">
        From {data.period.from} to {data.period.to} (UTC). Annotators see{' '}
        {data.leaderboard === 'names'
          ? 'everyone’s name on the leaderboard'
          : data.leaderboard === 'anonymous'
            ? 'only their own name on the leaderboard'
            : 'no leaderboard'}{' '}
        (<code>people.leaderboard</code>), never pay.
      </p>
      <table data-testid="pay-table">
        <thead>
          <tr>
            <th>rank</th>
            <th>name</th>
            <th>state</th>
            <th className="num">answers</th>
            <th className="num">accepted</th>
            <th className="num">controls (95%)</th>
            <th className="num">hours</th>
            <th className="num">base</th>
            <th className="num">bonus</th>
            <th className="num">total</th>
            <th className="num">score</th>
          </tr>
        </thead>
        <tbody>
          {data.people.map((p) => (
            <tr key={p.id} data-state={p.state}>
              <td>{p.rank}</td>
              <td>{p.name}</td>
              <td>
                {p.state}
                {p.discounted ? ', discounted' : ''}
              </td>
              <td className="num">{p.answers}</td>
              <td className="num" title="agree with the final label / have a final label">
                {p.accepted} / {p.decided}
              </td>
              <td className="num">
                {p.controls === 0
                  ? '—'
                  : `${percent(p.controlAccuracy, 0)} of ${p.controls} [${percent(p.controlInterval.low, 0)}–${percent(p.controlInterval.high, 0)}]`}
              </td>
              <td className="num">{p.hours.toFixed(2)}</td>
              <td className="num">{usd(p.baseUsd)}</td>
              <td className="num">{usd(p.bonusUsd)}</td>
              <td className="num">{usd(p.totalUsd)}</td>
              <td className="num">{p.score.toFixed(1)}</td>
            </tr>
          ))}
          <tr className="total">
            <td colSpan={3}>total</td>
            <td className="num">{totals.answers}</td>
            <td colSpan={2}></td>
            <td className="num">{totals.hours.toFixed(2)}</td>
            <td className="num">{usd(totals.baseUsd)}</td>
            <td className="num">{usd(totals.bonusUsd)}</td>
            <td className="num" data-testid="pay-total">
              {usd(totals.totalUsd)}
            </td>
            <td></td>
          </tr>
        </tbody>
      </table>
      <p className="muted" data-testid="pay-rules">
        {rate.basis === 'answer'
          ? `${usd(rate.usd, 4)} per answer to a task or control (the project’s hourly rate ÷ items per hour, the price plans use)`
          : `${usd(rate.usd)} per hour worked, from lease to answer, overlapping leases counted once`}
        ; bonus {bonus.percent}% of base when control accuracy is at least{' '}
        {percent(bonus.controlAccuracyAtLeast, 0)} over {bonus.minControls} or more controls, none
        for people suspended or discounted. Skips and exam answers are not paid. Score = answers ×
        the lower end of the 95% interval of control accuracy. hilo pays nobody: hand these figures
        to payroll (<code>hilo annotators pay --csv</code>).
      </p>
    </>
  );
}
