import { useCallback, useEffect, useState } from 'react';
import type { LeaderboardResponse } from '../../src/contract/pay-api.js';
import type { MeResponse } from '../../src/contract/people-api.js';
import { percent } from '../../src/core/format/format-number.js';
import { api } from './api-client.js';
import { FailureNote } from './failure-note.js';
import { PayView } from './pay-view.js';
import { useAction } from './use-action.js';

type Row = LeaderboardResponse['top'][number];

/**
 * Annotators and reviewers: their rank and the best people this month, named as the project
 * allows. Admins: everyone by name, ranked, with their pay.
 */
export function LeaderboardPage({ me }: { me: MeResponse }) {
  return me.role === 'admin' ? (
    <main className="leaderboard">
      <PayView />
    </main>
  ) : (
    <PublicBoard />
  );
}

function PublicBoard() {
  const [data, setData] = useState<LeaderboardResponse | null>(null);
  const loading = useAction();
  const { run } = loading;
  const load = useCallback(
    () => run('load the leaderboard', async () => setData(await api.leaderboard())),
    [run],
  );
  useEffect(load, [load]);

  const board =
    data === null ? (
      loading.error === null ? (
        <p>Loading…</p>
      ) : null
    ) : data.mode === 'off' ? (
      <p data-testid="leaderboard-off">This project has no leaderboard.</p>
    ) : (
      <Board data={data} />
    );
  return (
    <main className="leaderboard">
      <FailureNote message={loading.error} retry={load} />
      <section>
        <h2>Leaderboard</h2>
        {board}
      </section>
    </main>
  );
}

function Board({ data }: { data: LeaderboardResponse }) {
  const outside = data.you !== null && !data.top.some((r) => r.you) ? data.you : null;
  return (
    <>
      <p data-testid="your-rank">
        {data.you === null
          ? `You have no answers from ${data.period.from} to ${data.period.to} yet.`
          : `You are number ${data.you.rank} of ${data.ranked} from ${data.period.from} to ${data.period.to} (UTC).`}
      </p>
      <table data-testid="leaderboard">
        <thead>
          <tr>
            <th>rank</th>
            <th>name</th>
            <th className="num">answers</th>
            <th className="num">control accuracy</th>
            <th className="num">score</th>
          </tr>
        </thead>
        <tbody>
          {data.top.map((r) => (
            <BoardRow key={r.rank + (r.name ?? '') + String(r.you)} row={r} />
          ))}
          {outside !== null && <BoardRow row={outside} />}
        </tbody>
      </table>
      <p className="muted">
        Score = answers × the lower end of the 95% interval of control accuracy (first answers to
        the hidden check items): it grows with answers as far as the checks show they are right.
        {data.mode === 'anonymous' ? ' Other people are not named on this project.' : ''} Counted at
        most once a minute.
      </p>
    </>
  );
}

function BoardRow({ row }: { row: Row }) {
  return (
    <tr className={row.you ? 'you' : undefined} data-you={row.you}>
      <td>{row.rank}</td>
      <td>{row.name === null ? <span className="muted">anonymous</span> : row.name}</td>
      <td className="num">{row.answers}</td>
      <td className="num">{percent(row.controlAccuracy, 0)}</td>
      <td className="num">{row.score.toFixed(1)}</td>
    </tr>
  );
}
