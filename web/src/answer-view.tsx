import type { MeResponse, TaskView } from '../../src/contract/people-api.js';
import { answerWords, setNames } from './answer-words.js';

/**
 * One answer as its kind reads: a multi-label set as chips (or "no label"), a pairwise verdict
 * as "A better" / "B better" / "tie", a rating with its anchor, a label as itself.
 * @example <AnswerView task={me.project.task} labels={me.project.labels} answer="joy|anger" />
 */
export function AnswerView(props: {
  task: TaskView;
  labels: MeResponse['project']['labels'];
  answer: string;
}) {
  const { task, labels, answer } = props;
  if (task.kind !== 'multilabel')
    return <span className="answer">{answerWords(task, labels, answer)}</span>;
  const names = setNames(answer);
  return (
    <span className="answer chips" data-testid="label-set">
      {names.length === 0 ? (
        <span className="chip empty">no label</span>
      ) : (
        names.map((name, i) => (
          <span className="chip" key={name}>
            {name}
            {/* A separator that only text readers see, so copied text reads "joy, anger". */}
            {i < names.length - 1 && <span className="sep">, </span>}
          </span>
        ))
      )}
    </span>
  );
}
