import { useCallback, useEffect, useState } from 'react';
import type { ChecksResponse } from '../../src/contract/checks-api.js';
import type { MeResponse } from '../../src/contract/people-api.js';
import { api } from './api-client.js';
import { FailureNote } from './failure-note.js';
import { ItemFields } from './item-fields.js';
import { LabelChoices } from './label-choices.js';
import { useAction } from './use-action.js';

/**
 * Reviewers: expert checks drawn from the pool, one at a time, keyboard-first like the annotate
 * page. Only the item's fields are shown — never the machine's label — so the answer is the
 * expert's own; it becomes the item's final label. Keys: number keys pick a label, Enter sends
 * it, J or N shows the next check, K the previous.
 */
export function ChecksPage({ me }: { me: MeResponse }) {
  const labels = me.project.labels;
  const [data, setData] = useState<ChecksResponse | null>(null);
  const [at, setAt] = useState(0);
  const [choice, setChoice] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const loading = useAction();
  const answering = useAction();
  const { run: runLoad } = loading;
  const load = useCallback(
    () => runLoad('load the checks', async () => setData(await api.checks())),
    [runLoad],
  );
  useEffect(load, [load]);

  const items = data?.items ?? [];
  const index = Math.min(at, Math.max(0, items.length - 1));
  const current = items[index];

  const send = useCallback(
    (itemId: string, label: string) =>
      answering.run(`give item ${itemId} the label “${label}”`, async () => {
        await api.answerCheck(itemId, label);
        setDone(`Item ${itemId}: “${label}” kept as its expert label.`);
        setChoice(null);
        setData(
          (d) =>
            d && {
              items: d.items.filter((i) => i.itemId !== itemId),
              waiting: d.waiting - 1,
              labelled: d.labelled + 1,
            },
        );
        load();
      }),
    [answering, load],
  );

  const move = useCallback((to: number) => {
    setAt(to);
    setChoice(null);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)
        return;
      if (event.ctrlKey || event.metaKey || event.altKey || current === undefined) return;
      const key = event.key.toLowerCase();
      const n = Number(event.key);
      if (Number.isInteger(n) && n >= 1 && n <= labels.length)
        return setChoice(labels[n - 1]?.name ?? null);
      if (key === 'enter' && choice !== null && !answering.busy) {
        event.preventDefault();
        return send(current.itemId, choice);
      }
      if (key === 'j' || key === 'n') return move(Math.min(items.length - 1, index + 1));
      if (key === 'k') return move(Math.max(0, index - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items.length, index, current, choice, labels, send, move, answering.busy]);

  return (
    <main className="annotate checks">
      <p className="status" role="status" data-testid="checks-status">
        {data === null
          ? 'Loading…'
          : `Expert checks: ${data.waiting} waiting, ${data.labelled} labelled. Your label becomes the item’s final label.`}
      </p>
      <FailureNote message={loading.error} retry={load} />
      <FailureNote message={answering.error} />
      {done !== null && answering.error === null && (
        <p className="muted" data-testid="checks-done">
          {done}
        </p>
      )}
      {data !== null && current === undefined && (
        <p data-testid="checks-empty">No check waits for a label.</p>
      )}
      {current && (
        <article data-testid="check" data-item-id={current.itemId}>
          <p className="muted">
            Check {index + 1} of {items.length} shown · item {current.itemId}
          </p>
          <ItemFields fields={current.fields} />
          <LabelChoices labels={labels} choice={choice} onChoose={setChoice} />
          <p className="actions">
            <button
              disabled={choice === null || answering.busy}
              onClick={() => choice !== null && send(current.itemId, choice)}
            >
              <kbd>Enter</kbd> send
            </button>
            <button disabled={index + 1 >= items.length} onClick={() => move(index + 1)}>
              <kbd>J</kbd> next
            </button>
            <button disabled={index === 0} onClick={() => move(index - 1)}>
              <kbd>K</kbd> previous
            </button>
          </p>
        </article>
      )}
    </main>
  );
}
