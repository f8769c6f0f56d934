import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChecksResponse } from '../../src/contract/checks-api.js';
import type { MeResponse } from '../../src/contract/people-api.js';
import { api } from './api-client.js';
import { answerAfterKey, setCountProblem, startingAnswer } from './answer-keys.js';
import { AnswerPicker } from './answer-picker.js';
import { answerWords } from './answer-words.js';
import { FailureNote } from './failure-note.js';
import { ItemView } from './item-view.js';
import { useAction } from './use-action.js';

/**
 * Reviewers: expert checks drawn from the pool, one at a time, keyboard-first like the annotate
 * page. Only the item's fields are shown — never the machine's label — so the answer is the
 * expert's own; it becomes the item's final label. Answers and keys follow the project's kind as
 * on the annotate page; Enter sends, J or N shows the next check, K the previous.
 */
export function ChecksPage({ me }: { me: MeResponse }) {
  const { labels, task } = me.project;
  const names = useMemo(() => labels.map((l) => l.name), [labels]);
  const fresh = useMemo(() => startingAnswer(task, names, null), [task, names]);
  const [data, setData] = useState<ChecksResponse | null>(null);
  const [at, setAt] = useState(0);
  const [choice, setAnswer] = useState<string | null>(fresh);
  const [refused, setRefused] = useState<string | null>(null);
  const setChoice = useCallback((answer: string | null) => {
    setAnswer(answer);
    setRefused(null);
  }, []);
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
    (itemId: string, label: string) => {
      const problem = task.kind === 'multilabel' ? setCountProblem(task, names, label) : null;
      if (problem !== null) return setRefused(problem);
      const words = answerWords(task, labels, label);
      answering.run(`give item ${itemId} the label “${words}”`, async () => {
        await api.answerCheck(itemId, label);
        setDone(`Item ${itemId}: “${words}” kept as its expert label.`);
        setChoice(fresh);
        setData(
          (d) =>
            d && {
              items: d.items.filter((i) => i.itemId !== itemId),
              waiting: d.waiting - 1,
              labelled: d.labelled + 1,
            },
        );
        load();
      });
    },
    [answering, load, task, names, labels, fresh, setChoice],
  );

  const move = useCallback(
    (to: number) => {
      setAt(to);
      setChoice(fresh);
    },
    [fresh, setChoice],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)
        return;
      if (event.ctrlKey || event.metaKey || event.altKey || current === undefined) return;
      const key = event.key.toLowerCase();
      const answer = answerAfterKey(task, names, event.key, choice);
      if (answer !== undefined) return setChoice(answer);
      if (key === 'enter' && choice !== null && !answering.busy) {
        event.preventDefault();
        return send(current.itemId, choice);
      }
      if (key === 'j' || key === 'n') return move(Math.min(items.length - 1, index + 1));
      if (key === 'k') return move(Math.max(0, index - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items.length, index, current, choice, task, names, send, move, answering.busy, setChoice]);

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
          <ItemView task={task} fields={current.fields} />
          <AnswerPicker task={task} labels={labels} answer={choice} onChange={setChoice} />
          {refused !== null && (
            <p className="refused" role="alert" data-testid="refused">
              {refused}
            </p>
          )}
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
