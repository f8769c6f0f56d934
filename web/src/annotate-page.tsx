import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnswerResponse, MeResponse, ServedItemBody } from '../../src/contract/people-api.js';
import { api, ApiError } from './api-client.js';
import { FailureNote } from './failure-note.js';
import { GoldFeedbackNote } from './gold-feedback-note.js';
import { FlagForm } from './flag-form.js';
import { answerAfterKey, setCountProblem, startingAnswer } from './answer-keys.js';
import { AnswerPicker } from './answer-picker.js';
import { ItemView } from './item-view.js';
import { MarkdownView } from './markdown-view.js';
import { ProgressLine } from './progress-line.js';
import { SuggestionNote } from './suggestion-note.js';
import { useAction } from './use-action.js';

type Loaded = { item: ServedItemBody | null };

/**
 * Keyboard-first labelling in the project's kind: number keys (then letters, see choiceKey) pick
 * a label or a rating level, or toggle a label of a multi-label set (pre-ticked with the machine's
 * suggestion, its size held to the project's bounds); A / B / T (or 1 / 2 / 3) give a pairwise
 * verdict. Enter submits, S skips, U undoes the last answer, F flags the item with a comment for
 * a reviewer, G shows the guidelines (Markdown). Progress and, when the project pre-annotates,
 * the machine's suggestion sit beside the item. The next item is fetched while this one is on
 * screen.
 */
export function AnnotatePage({ me }: { me: MeResponse }) {
  const { labels, task } = me.project;
  const names = useMemo(() => labels.map((l) => l.name), [labels]);
  const [current, setCurrent] = useState<ServedItemBody | null | undefined>(undefined);
  const [choice, setAnswer] = useState<string | null>(null);
  /** Why the last Enter sent nothing (a set outside the project's bounds). */
  const [refused, setRefused] = useState<string | null>(null);
  const setChoice = useCallback((answer: string | null) => {
    setAnswer(answer);
    setRefused(null);
  }, []);
  const [guidelines, setGuidelines] = useState(false);
  const [message, setMessage] = useState<string | null>(
    me.state === 'suspended' ? `Suspended: ${me.reason ?? ''}` : null,
  );
  const [done, setDone] = useState(0);
  const [last, setLast] = useState<string | null>(null);
  /** The feedback on the last answer to a control or exam item, when it was wrong. */
  const [wrong, setWrong] = useState<{
    itemId: string;
    feedback: NonNullable<AnswerResponse['feedback']>;
  } | null>(null);
  const [flagging, setFlagging] = useState(false);
  const [answered, setAnswered] = useState(0);
  /** Suggestions by item, so an item shown again after undo keeps its own. */
  const suggestions = useRef(new Map<string, ServedItemBody['suggestion']>());
  const shownAt = useRef(performance.now());
  const prefetch = useRef<Promise<Loaded> | null>(null);
  const loading = useAction();
  const saving = useAction();
  const flaggingAction = useAction();

  const show = useCallback(
    (item: ServedItemBody | null) => {
      if (item) suggestions.current.set(item.itemId, item.suggestion ?? null);
      setCurrent(item);
      setChoice(startingAnswer(task, names, item?.suggestion));
      setFlagging(false);
      shownAt.current = performance.now();
      // Lease the following item now, so the next cycle needs no round trip; if that fails, the
      // next cycle asks again.
      // The server gives back a live lease first; holding the shown item asks for another.
      prefetch.current = item === null ? null : api.next(item.itemId).catch(() => ({ item: null }));
    },
    [task, names, setChoice],
  );

  /** A suspension from elsewhere (an admin, another tab) ends the session's work. */
  const stopIfSuspended = useCallback((e: unknown) => {
    if (e instanceof ApiError && e.code === 'CONFLICT' && /suspended/.test(e.message))
      setCurrent(null);
  }, []);

  const { run: runLoad } = loading;
  const loadNext = useCallback(() => {
    setCurrent(undefined);
    runLoad('load the next item', async () => show((await api.next()).item), stopIfSuspended);
  }, [runLoad, show, stopIfSuspended]);

  useEffect(() => {
    if (me.state !== 'suspended') loadNext();
  }, [me.state, loadNext]);

  const submit = (label: string | null) => {
    if (!current) return;
    const problem =
      label !== null && task.kind === 'multilabel' ? setCountProblem(task, names, label) : null;
    if (problem !== null) return setRefused(problem);
    saving.run(
      label === null ? 'skip the item' : 'send the answer',
      async () => {
        const result: AnswerResponse = await api.answer({
          itemId: current.itemId,
          label,
          timeSpentMs: Math.round(performance.now() - shownAt.current),
        });
        setLast(current.itemId);
        setAnswered((n) => n + 1);
        if (label !== null) setDone((n) => n + 1);
        setWrong(
          result.feedback === null || result.feedback.correct
            ? null
            : { itemId: current.itemId, feedback: result.feedback },
        );
        if (result.state === 'suspended') {
          setMessage(`Suspended: ${result.reason ?? ''}`);
          setCurrent(null);
          return;
        }
        setMessage(
          result.feedback === null
            ? null
            : result.feedback.correct
              ? 'Correct.'
              : 'Not the expected answer: see why below.',
        );
        const next = prefetch.current === null ? null : (await prefetch.current).item;
        if (next !== null) show(next);
        else loadNext();
      },
      stopIfSuspended,
    );
  };

  const undo = () => {
    if (last === null || loading.busy) return;
    saving.run(
      'undo the last answer',
      async () => {
        const item = await api.undo(last);
        setLast(null);
        setWrong(null);
        setAnswered((n) => n + 1);
        setDone((n) => Math.max(0, n - 1));
        setMessage('Answer undone.');
        const suggestion = suggestions.current.get(item.itemId) ?? null;
        setCurrent({ ...item, suggestion });
        setChoice(startingAnswer(task, names, suggestion));
        shownAt.current = performance.now();
      },
      stopIfSuspended,
    );
  };

  const flag = (comment: string) => {
    if (!current) return;
    const itemId = current.itemId;
    flaggingAction.run('flag the item', async () => {
      await api.flag(itemId, comment);
      setFlagging(false);
      setMessage('Flagged for a reviewer. Answer or skip the item to go on.');
    });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)
        return;
      const key = event.key.toLowerCase();
      if (key === 'g' || key === '?') return setGuidelines((v) => !v);
      if (key === 'escape') return setGuidelines(false);
      if (key === 'u') return undo();
      if (!current) return;
      if (key === 'f') {
        event.preventDefault();
        return setFlagging(true);
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const answer = answerAfterKey(task, names, event.key, choice);
      if (answer !== undefined) return setChoice(answer);
      if (key === 'enter' && choice !== null) {
        event.preventDefault();
        return submit(choice);
      }
      if (key === 's') return submit(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, choice, task, names, submit, undo, setChoice]);

  return (
    <main className="annotate">
      <p className="status" role="status" data-testid="status">
        {message ?? (current?.exam ? 'Qualification: answer these to start.' : `${done} answered`)}
      </p>
      {wrong !== null && (
        <GoldFeedbackNote
          key={wrong.itemId}
          itemId={wrong.itemId}
          feedback={wrong.feedback}
          task={task}
          labels={labels}
        />
      )}
      <ProgressLine answered={answered} />
      <FailureNote message={saving.error} />
      <FailureNote message={flaggingAction.error} />
      <FailureNote message={loading.error} retry={loadNext} />
      {current === undefined && loading.error === null && <p>Loading…</p>}
      {current === null && me.state !== 'suspended' && !message?.startsWith('Suspended') && (
        <p data-testid="empty">Nothing left to label for now. Thank you.</p>
      )}
      {current && (
        <article data-testid="item" data-item-id={current.itemId}>
          <ItemView task={task} fields={current.fields} />
          <SuggestionNote task={task} labels={labels} suggestion={current.suggestion} />
          <AnswerPicker task={task} labels={labels} answer={choice} onChange={setChoice} />
          {refused !== null && (
            <p className="refused" role="alert" data-testid="refused">
              {refused}
            </p>
          )}
          <p className="actions">
            <button disabled={choice === null || saving.busy} onClick={() => submit(choice)}>
              <kbd>Enter</kbd> submit
            </button>
            <button disabled={saving.busy} onClick={() => submit(null)}>
              <kbd>S</kbd> skip
            </button>
            <button disabled={last === null || saving.busy} onClick={() => undo()}>
              <kbd>U</kbd> undo
            </button>
            <button onClick={() => setFlagging(true)}>
              <kbd>F</kbd> flag / comment
            </button>
            <button onClick={() => setGuidelines(true)}>
              <kbd>G</kbd> guidelines
            </button>
          </p>
          {flagging && (
            <FlagForm busy={flaggingAction.busy} onSend={flag} onClose={() => setFlagging(false)} />
          )}
        </article>
      )}
      {guidelines && (
        <aside className="guidelines" data-testid="guidelines">
          <h2>Guidelines</h2>
          {me.project.guidelines.trim() === '' ? (
            <p>No guidelines were given.</p>
          ) : (
            <MarkdownView text={me.project.guidelines} />
          )}
          <ul>
            {labels.map((l) => (
              <li key={l.name}>
                <strong>{l.name}</strong> {l.description}
              </li>
            ))}
          </ul>
          <button onClick={() => setGuidelines(false)}>Close (Esc)</button>
        </aside>
      )}
    </main>
  );
}
