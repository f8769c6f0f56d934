import { useCallback, useEffect, useState } from 'react';
import type { DashboardResponse, MeResponse } from '../../src/contract/people-api.js';
import { usd } from '../../src/core/format/format-number.js';
import { api } from './api-client.js';
import { DashboardPlots } from './dashboard-plots.js';
import { FailureNote } from './failure-note.js';
import { PeopleQuality } from './people-quality.js';
import { PeopleTable } from './people-table.js';
import { useAction } from './use-action.js';

const hourOf = (iso: string) => `${new Date(iso).getHours().toString().padStart(2, '0')}:00`;

/**
 * Admin: progress by zone, answers per hour, each person's quality and state (suspensions can be
 * lifted), agreement per item and quality over time, spend so far, invitations, and the report's
 * calibration and cost–accuracy plots.
 */
export function DashboardPage({ project }: { project: MeResponse['project'] }) {
  const [data, setData] = useState<DashboardResponse | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState('annotator');
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const loading = useAction();
  const inviting = useAction();
  const acting = useAction();
  const { run: runLoad } = loading;
  const load = useCallback(
    () => runLoad('load the dashboard', async () => setData(await api.dashboard())),
    [runLoad],
  );
  useEffect(() => {
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [load]);

  const invite = () => {
    const who = name.trim();
    if (who === '') return;
    inviting.run(`invite ${who}`, async () => {
      const created = await api.invite(who, role);
      setLink({
        url: `${window.location.origin}/#invite=${created.token}`,
        expiresAt: created.expiresAt,
      });
      setName('');
      load();
    });
  };
  const act = (action: string, change: () => Promise<unknown>) =>
    acting.run(action, async () => {
      await change();
      load();
    });

  const loadFailure = <FailureNote message={loading.error} retry={load} />;
  if (data === null) return <main>{loading.error === null ? 'Loading…' : loadFailure}</main>;
  const t = data.throughput;
  return (
    <main className="dashboard">
      {loadFailure}
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
        <p data-testid="spend">
          Spend so far <strong>{usd(data.spendUsd)}</strong>: people {usd(data.peopleSpendUsd)} (
          {data.hoursSpent.toFixed(2)} h at the project’s hourly rate), machine runs{' '}
          {usd(data.machineSpendUsd)}. Under review: {data.underReview}. Suspended: {data.suspended}
          .
        </p>
      </section>
      <section>
        <h2>Throughput</h2>
        <p>
          {t.lastHour} answers in the last hour, {t.lastDay} in the last 24 h
          {t.perPersonHour !== null ? `; ${t.perPersonHour.toFixed(0)} per hour of work` : ''}.
        </p>
        <table data-testid="throughput" className="throughput">
          <thead>
            <tr>
              {t.hours.map((h) => (
                <th key={h.start}>{hourOf(h.start)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {t.hours.map((h) => (
                <td key={h.start}>{h.answers}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>
      <section>
        <h2>People</h2>
        <FailureNote message={acting.error} />
        <PeopleTable people={data.annotators} busy={acting.busy} act={act} />
      </section>
      <PeopleQuality data={data} project={project} />
      <DashboardPlots />
      <section>
        <h2>Invite</h2>
        <FailureNote message={inviting.error} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            invite();
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
          <button type="submit" disabled={inviting.busy}>
            Invite
          </button>
        </form>
        {link && (
          <p>
            Send this link (shown once; it signs in once, until{' '}
            {new Date(link.expiresAt).toLocaleString()}):{' '}
            <code data-testid="invite-link">{link.url}</code>
          </p>
        )}
      </section>
    </main>
  );
}
