import { useCallback, useEffect, useState } from 'react';
import type { MeResponse, ReviewResponse } from '../../src/contract/people-api.js';
import { api } from './api-client.js';
import { ItemFields } from './item-fields.js';

/** Reviewers: items whose votes disagree or on which a rule fired; one click settles the label. */
export function ReviewPage({ me }: { me: MeResponse }) {
  const [data, setData] = useState<ReviewResponse | null>(null);
  const load = useCallback(() => void api.review().then(setData), []);
  useEffect(load, [load]);
  if (data === null) return <main>Loading…</main>;
  if (data.items.length === 0)
    return (
      <main>
        <p>Nothing waits for review.</p>
      </main>
    );
  return (
    <main className="review">
      {data.items.map((item) => (
        <article key={item.itemId}>
          <p className="muted">{item.reason}</p>
          <ItemFields fields={item.fields} />
          <p>
            Votes:{' '}
            {item.votes
              .map((v) => `${v.source.replace('human:', '')} → ${v.label ?? '—'}`)
              .join(', ') || 'none'}
          </p>
          {item.machine && (
            <p>
              Machine:{' '}
              {Object.entries(item.machine)
                .map(([l, p]) => `${l} ${(p * 100).toFixed(0)}%`)
                .join(', ')}
            </p>
          )}
          <p>
            {me.project.labels.map((l) => (
              <button key={l.name} onClick={() => void api.settle(item.itemId, l.name).then(load)}>
                {l.name}
              </button>
            ))}
          </p>
        </article>
      ))}
    </main>
  );
}
