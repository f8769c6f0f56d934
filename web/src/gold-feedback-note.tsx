import { useState } from 'react';
import type { GoldFeedbackBody, MeResponse, TaskView } from '../../src/contract/people-api.js';
import { api } from './api-client.js';
import { AnswerView } from './answer-view.js';
import { FailureNote } from './failure-note.js';
import { useAction } from './use-action.js';

/**
 * Why a control or exam answer was wrong (the label's description and the guideline passage),
 * with an "Appeal" button that opens a comment box and sends the appeal to a reviewer.
 */
export function GoldFeedbackNote(props: {
  readonly itemId: string;
  readonly feedback: GoldFeedbackBody;
  readonly task: TaskView;
  readonly labels: MeResponse['project']['labels'];
}) {
  const { itemId, feedback, task, labels } = props;
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const sending = useAction();
  if (feedback.correct) return null;
  const send = () =>
    sending.run('send the appeal', async () => {
      await api.appeal(itemId, comment);
      setSent(true);
      setOpen(false);
    });
  return (
    <aside className="feedback" data-testid="feedback">
      <p>
        The expected answer was{' '}
        <strong data-testid="feedback-gold">
          “<AnswerView task={task} labels={labels} answer={feedback.goldLabel} />”
        </strong>
        {feedback.description !== null && <>: {feedback.description}</>}
      </p>
      {feedback.guideline !== null && (
        <blockquote data-testid="feedback-guideline">{feedback.guideline}</blockquote>
      )}
      <FailureNote message={sending.error} />
      {sent ? (
        <p role="status" data-testid="appeal-sent">
          Appeal sent: a reviewer will look at it.
        </p>
      ) : open ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            send();
          }}
        >
          <label>
            Why is your answer right?
            <textarea
              aria-label="appeal comment"
              value={comment}
              maxLength={2000}
              onChange={(event) => setComment(event.target.value)}
              autoFocus
            />
          </label>
          <p className="actions">
            <button type="submit" disabled={comment.trim() === '' || sending.busy}>
              Send appeal
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </p>
        </form>
      ) : (
        feedback.appealable && (
          <button type="button" onClick={() => setOpen(true)}>
            Appeal
          </button>
        )
      )}
    </aside>
  );
}
