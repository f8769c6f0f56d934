import { useCallback, useEffect, useState } from 'react';
import type { MeResponse, ReviewResponse } from '../../src/contract/people-api.js';
import { percent } from '../../src/core/format/format-number.js';
import { api } from './api-client.js';
import { AppealsList } from './appeals-list.js';
import { FailureNote } from './failure-note.js';
import { ItemFields } from './item-fields.js';
import { useAction } from './use-action.js';

/** Reviewers: items whose votes disagree or on which a rule fired; one click settles the label. */
export function ReviewPage({ me }: { me: MeResponse }) {
  const [data, setData] = useState<ReviewResponse | null>(null);
  const [settled, setSettled] = useState<string | null>(null);
  const loading = useAction();
  const settling = useAction();
  const { run: runLoad } = loading;
  const load = useCallback(
    () => runLoad('load the items to review', async () => setData(await api.review())),
    [runLoad],
  );
  useEffect(load, [load]);

  const settle = (itemId: string, label: string) =>
    settling.run(`settle item ${itemId} as “${label}”`, async () => {
      await api.settle(itemId, label);
      setSettled(`Item ${itemId} settled as “${label}”.`);
      setData((d) => d && { items: d.items.filter((i) => i.itemId !== itemId) });
      load();
    });

  const notes = (
    <>
      <FailureNote message={loading.error} retry={load} />
      <FailureNote message={settling.error} />
      {settled !== null && settling.error === null && (
        <p className="muted" role="status">
          {settled}
        </p>
      )}
    </>
  );
  if (data === null)
    return (
      <main className="review">
        <AppealsList />
        {loading.error === null ? 'Loading…' : notes}
      </main>
    );
  if (data.items.length === 0)
    return (
      <main className="review">
        <AppealsList />
        {notes}
        <p>Nothing waits for review.</p>
      </main>
    );
  return (
    <main className="review">
      <AppealsList />
      {notes}
      {data.items.map((item) => (
        <article key={item.itemId} data-testid="review-item" data-item-id={item.itemId}>
          <p className="muted">{item.reason}</p>
          <ItemFields fields={item.fields} />
          <p data-testid="votes">
            Votes:{' '}
            {item.votes
              .map((v) => `${v.source.replace('human:', '')} → ${v.label ?? '—'}`)
              .join(', ') || 'none'}
          </p>
          {item.machine && (
            <p>
              Machine:{' '}
              {Object.entries(item.machine)
                .map(([l, p]) => `${l} ${percent(p, 0)}`)
                .join(', ')}
            </p>
          )}
          <p className="actions">
            {me.project.labels.map((l) => (
              <button
                key={l.name}
                disabled={settling.busy}
                onClick={() => settle(item.itemId, l.name)}
              >
                {l.name}
              </button>
            ))}
          </p>
        </article>
      ))}
    </main>
  );
}
