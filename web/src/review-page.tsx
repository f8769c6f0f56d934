import { useCallback, useEffect, useState } from 'react';
import type { MeResponse, ReviewResponse } from '../../src/contract/people-api.js';
import { api } from './api-client.js';
import { AppealsList } from './appeals-list.js';
import { FailureNote } from './failure-note.js';
import { ReviewCard } from './review-card.js';
import { useAction } from './use-action.js';

/**
 * Reviewers: items whose votes disagree, on which a rule fired or that a person flagged; one
 * click settles the label. Keys: number keys pick a label for the selected item, Enter settles
 * it, J or N selects the next item, K the previous.
 */
export function ReviewPage({ me }: { me: MeResponse }) {
  const labels = me.project.labels;
  const [data, setData] = useState<ReviewResponse | null>(null);
  const [settled, setSettled] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [choice, setChoice] = useState<string | null>(null);
  const loading = useAction();
  const settling = useAction();
  const { run: runLoad } = loading;
  const load = useCallback(
    () => runLoad('load the items to review', async () => setData(await api.review())),
    [runLoad],
  );
  useEffect(load, [load]);

  const items = data?.items ?? [];
  const current = Math.min(selected, Math.max(0, items.length - 1));

  const settle = useCallback(
    (itemId: string, label: string) =>
      settling.run(`settle item ${itemId} as “${label}”`, async () => {
        await api.settle(itemId, label);
        setSettled(`Item ${itemId} settled as “${label}”.`);
        setChoice(null);
        setData((d) => d && { items: d.items.filter((i) => i.itemId !== itemId) });
        load();
      }),
    [settling, load],
  );

  const select = useCallback((index: number) => {
    setSelected(index);
    setChoice(null);
    document.querySelectorAll('[data-testid=review-item]')[index]?.scrollIntoView({
      block: 'nearest',
    });
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)
        return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const item = items[current];
      if (item === undefined) return;
      const key = event.key.toLowerCase();
      const n = Number(event.key);
      if (Number.isInteger(n) && n >= 1 && n <= labels.length)
        return setChoice(labels[n - 1]?.name ?? null);
      if (key === 'enter' && choice !== null && !settling.busy) {
        event.preventDefault();
        return settle(item.itemId, choice);
      }
      if (key === 'j' || key === 'n') return select(Math.min(items.length - 1, current + 1));
      if (key === 'k') return select(Math.max(0, current - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, current, choice, labels, settle, select, settling.busy]);

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
  if (items.length === 0)
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
      <p className="muted keys" data-testid="review-keys">
        Keys: <kbd>1</kbd>–<kbd>{labels.length}</kbd> pick a label · <kbd>Enter</kbd> settle ·{' '}
        <kbd>J</kbd>/<kbd>N</kbd> next item · <kbd>K</kbd> previous item
      </p>
      {items.map((item, i) => (
        <ReviewCard
          key={item.itemId}
          item={item}
          labels={labels}
          selected={i === current}
          choice={i === current ? choice : null}
          busy={settling.busy}
          onSelect={() => select(i)}
          onSettle={(label) => settle(item.itemId, label)}
        />
      ))}
    </main>
  );
}
