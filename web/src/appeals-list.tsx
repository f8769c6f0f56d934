import { useCallback, useEffect, useState } from 'react';
import type { AppealsResponse, MeResponse } from '../../src/contract/people-api.js';
import { api } from './api-client.js';
import { AnswerView } from './answer-view.js';
import { FailureNote } from './failure-note.js';
import { ItemView } from './item-view.js';
import { useAction } from './use-action.js';

type OpenAppeal = AppealsResponse['appeals'][number];

/**
 * Reviewers: open appeals against scored control and exam answers. Upholding counts the answer as
 * right (and may lift a suspension); "gold was wrong" also makes the answer the item's gold label.
 */
export function AppealsList({ project }: { project: MeResponse['project'] }) {
  const { task, labels } = project;
  const [appeals, setAppeals] = useState<OpenAppeal[] | null>(null);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [settled, setSettled] = useState<string | null>(null);
  const loading = useAction();
  const settling = useAction();
  const { run: runLoad } = loading;
  const load = useCallback(
    () => runLoad('load the appeals', async () => setAppeals((await api.appeals()).appeals)),
    [runLoad],
  );
  useEffect(load, [load]);

  const settle = (appeal: OpenAppeal, state: 'upheld' | 'rejected', fixGold = false) =>
    settling.run(`settle the appeal of ${appeal.annotatorName}`, async () => {
      await api.settleAppeal(appeal.id, { state, note: notes[appeal.id] ?? '', fixGold });
      setSettled(
        `Appeal of ${appeal.annotatorName} on item ${appeal.itemId} ${state}${fixGold ? ', gold label fixed' : ''}.`,
      );
      setAppeals((list) => list && list.filter((a) => a.id !== appeal.id));
    });

  return (
    <section className="appeals" data-testid="appeals">
      <h2>Appeals</h2>
      <FailureNote message={loading.error} retry={load} />
      <FailureNote message={settling.error} />
      {settled !== null && settling.error === null && (
        <p className="muted" role="status">
          {settled}
        </p>
      )}
      {appeals === null ? (
        loading.error === null && <p>Loading…</p>
      ) : appeals.length === 0 ? (
        <p className="muted">No open appeals.</p>
      ) : (
        appeals.map((appeal) => (
          <article key={appeal.id} data-testid="appeal" data-appeal-id={appeal.id}>
            <p>
              <strong>{appeal.annotatorName}</strong> answered “
              <AnswerView task={task} labels={labels} answer={appeal.label} />” to this{' '}
              {appeal.kind === 'exam' ? 'exam item' : 'control'}; the gold label is “
              <AnswerView task={task} labels={labels} answer={appeal.goldLabel} />
              ”.
            </p>
            <ItemView task={task} fields={appeal.fields} />
            <blockquote>{appeal.comment}</blockquote>
            <label>
              Note to the annotator
              <input
                aria-label="appeal note"
                value={notes[appeal.id] ?? ''}
                maxLength={2000}
                onChange={(event) =>
                  setNotes((all) => ({ ...all, [appeal.id]: event.target.value }))
                }
              />
            </label>
            <p className="actions">
              <button disabled={settling.busy} onClick={() => settle(appeal, 'upheld')}>
                Uphold
              </button>
              <button disabled={settling.busy} onClick={() => settle(appeal, 'upheld', true)}>
                Uphold: gold was wrong
              </button>
              <button disabled={settling.busy} onClick={() => settle(appeal, 'rejected')}>
                Reject
              </button>
            </p>
          </article>
        ))
      )}
    </section>
  );
}
