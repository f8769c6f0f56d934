import { useCallback, useEffect, useState } from 'react';
import type { DashboardResponse } from '../../src/contract/people-api.js';
import { api } from './api-client.js';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(0)}%`);

/** Admin: progress by zone, each person's volume, speed, control accuracy and state; invitations. */
export function DashboardPage() {
  const [data, setData] = useState<DashboardResponse | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState('annotator');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api
      .dashboard()
      .then(setData)
      .catch((e: unknown) => setError(String(e)));
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [load]);

  const invite = async () => {
    if (name.trim() === '') return;
    const created = await api.invite(name.trim(), role);
    setLink(`${window.location.origin}/#invite=${created.token}`);
    setName('');
    load();
  };

  if (data === null) return <main>{error ?? 'Loading…'}</main>;
  return (
    <main className="dashboard">
      <section>
        <h2>Progress</h2>
        <table data-testid="zones">
          <thead>
            <tr>
              <th>zone</th>
              <th>items</th>
              <th>done</th>
              <th>answers</th>
            </tr>
          </thead>
          <tbody>
            {data.zones.map((z) => (
              <tr key={z.zone}>
                <td>{z.zone}</td>
                <td>{z.items}</td>
                <td>{z.done}</td>
                <td>{z.answers}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Under review: {data.underReview} · time spent {data.hoursSpent.toFixed(2)} h · spend $
          {data.spendUsd.toFixed(2)}
        </p>
      </section>
      <section>
        <h2>People</h2>
        <table data-testid="people">
          <thead>
            <tr>
              <th>name</th>
              <th>role</th>
              <th>state</th>
              <th>answers</th>
              <th>median s</th>
              <th>controls</th>
              <th>accuracy (95%)</th>
              <th>agreement</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {data.annotators.map((a) => (
              <tr key={a.id} data-state={a.state}>
                <td>{a.name}</td>
                <td>{a.role}</td>
                <td>
                  {a.state}
                  {a.reason ? ` — ${a.reason}` : ''}
                  {a.discounted ? ' (discounted)' : ''}
                </td>
                <td>{a.answers}</td>
                <td>{a.medianSeconds?.toFixed(1) ?? '—'}</td>
                <td>{a.controls}</td>
                <td>
                  {pct(a.controlAccuracy)}{' '}
                  {a.controls > 0
                    ? `[${pct(a.controlInterval.low)}–${pct(a.controlInterval.high)}]`
                    : ''}
                </td>
                <td>{pct(a.agreement)}</td>
                <td>
                  {a.state === 'suspended' ? (
                    <button onClick={() => void api.setState(a.id, 'active').then(load)}>
                      reinstate
                    </button>
                  ) : (
                    <button onClick={() => void api.setState(a.id, 'suspended').then(load)}>
                      suspend
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Invite</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void invite();
          }}
        >
          <input
            aria-label="name"
            placeholder="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <select aria-label="role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option>annotator</option>
            <option>reviewer</option>
            <option>admin</option>
          </select>
          <button type="submit">Invite</button>
        </form>
        {link && (
          <p>
            Send this link (shown once): <code data-testid="invite-link">{link}</code>
          </p>
        )}
      </section>
    </main>
  );
}
