import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MeResponse, ReviewResponse } from '../../src/contract/people-api.js';
import { api } from './api-client.js';
import { answerAfterKey, choiceKey, setCountProblem } from './answer-keys.js';
import { answerWords } from './answer-words.js';
import { AppealsList } from './appeals-list.js';
import { FailureNote } from './failure-note.js';
import { ReviewCard } from './review-card.js';
import { useAction } from './use-action.js';

/**
 * Reviewers: items whose votes disagree, on which a rule fired or that a person flagged; one
 * click settles the label (a multi-label set: tick, then settle). Keys as on the annotate page
 * (choiceKey): number keys pick a label or level, or toggle a label of a set; A / B / T a
 * pairwise verdict; Enter settles, J or N selects the next item, K the previous.
 */
export function ReviewPage({ me }: { me: MeResponse }) {
  const { labels, task } = me.project;
  const names = useMemo(() => labels.map((l) => l.name), [labels]);
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

  const [refused, setRefused] = useState<string | null>(null);
  // A refusal is about the answer it refused: a new one clears it.
  useEffect(() => setRefused(null), [choice, selected]);
  const settle = useCallback(
    (itemId: string, label: string) => {
      const problem = task.kind === 'multilabel' ? setCountProblem(task, names, label) : null;
      setRefused(problem);
      if (problem !== null) return;
      const words = answerWords(task, labels, label);
      settling.run(`settle item ${itemId} as “${words}”`, async () => {
        await api.settle(itemId, label);
        setSettled(`Item ${itemId} settled as “${words}”.`);
        setChoice(null);
        setData((d) => d && { items: d.items.filter((i) => i.itemId !== itemId) });
        load();
      });
    },
    [settling, load, task, names, labels],
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
      const answer = answerAfterKey(task, names, event.key, choice);
      if (answer !== undefined) return setChoice(answer);
      const ticked = task.kind === 'multilabel' ? (choice ?? '') : choice;
      if (key === 'enter' && ticked !== null && !settling.busy) {
        event.preventDefault();
        return settle(item.itemId, ticked);
      }
      if (key === 'j' || key === 'n') return select(Math.min(items.length - 1, current + 1));
      if (key === 'k') return select(Math.max(0, current - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, current, choice, task, names, settle, select, settling.busy]);

  const notes = (
    <>
      <FailureNote message={loading.error} retry={load} />
      <FailureNote message={settling.error} />
      {refused !== null && (
        <p className="refused" role="alert" data-testid="refused">
          {refused}
        </p>
      )}
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
        <AppealsList project={me.project} />
        {loading.error === null ? 'Loading…' : notes}
      </main>
    );
  if (items.length === 0)
    return (
      <main className="review">
        <AppealsList project={me.project} />
        {notes}
        <p>Nothing waits for review.</p>
      </main>
    );
  return (
    <main className="review">
      <AppealsList project={me.project} />
      {notes}
      <p className="muted keys" data-testid="review-keys">
        Keys: {pickKeys(task, labels.length)} · <kbd>Enter</kbd> settle · <kbd>J</kbd>/<kbd>N</kbd>{' '}
        next item · <kbd>K</kbd> previous item
      </p>
      {items.map((item, i) => (
        <ReviewCard
          key={item.itemId}
          item={item}
          task={task}
          labels={labels}
          selected={i === current}
          choice={i === current ? choice : null}
          busy={settling.busy}
          onSelect={() => select(i)}
          onChoose={(answer) => {
            if (i !== current) select(i);
            setChoice(answer);
          }}
          onSettle={(label) => settle(item.itemId, label)}
        />
      ))}
    </main>
  );
}

/** The keys that pick an answer, in words, for the line above the items. */
function pickKeys(task: MeResponse['project']['task'], count: number) {
  if (task.kind === 'pairwise')
    return (
      <>
        <kbd>A</kbd>/<kbd>B</kbd>
        {task.tie && (
          <>
            /<kbd>T</kbd>
          </>
        )}{' '}
        pick a verdict
      </>
    );
  const last = choiceKey(Math.max(0, count - 1))?.toUpperCase() ?? '';
  return (
    <>
      <kbd>1</kbd>–<kbd>{last}</kbd>{' '}
      {
        { classify: 'pick a label', multilabel: 'toggle a label', rating: 'pick a level' }[
          task.kind
        ]
      }
    </>
  );
}
