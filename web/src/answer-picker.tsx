import type { MeResponse, TaskView } from '../../src/contract/people-api.js';
import { LabelChoices } from './label-choices.js';
import { RatingScale } from './rating-scale.js';
import { SetChoices } from './set-choices.js';
import { VerdictChoices } from './verdict-choices.js';

/**
 * The answer controls of the project's kind: label buttons, a set's checkboxes, the pairwise
 * verdicts or a rating scale. `answer` is null until something is picked (a set starts as a code).
 * @example <AnswerPicker task={me.project.task} labels={me.project.labels} answer={choice} onChange={setChoice} />
 */
export function AnswerPicker(props: {
  task: TaskView;
  labels: MeResponse['project']['labels'];
  answer: string | null;
  onChange: (answer: string) => void;
}) {
  const { task, labels, answer, onChange } = props;
  switch (task.kind) {
    case 'classify':
      return <LabelChoices labels={labels} choice={answer} onChoose={onChange} />;
    case 'multilabel':
      return <SetChoices task={task} labels={labels} code={answer ?? ''} onChange={onChange} />;
    case 'pairwise':
      return (
        <VerdictChoices labels={labels.map((l) => l.name)} choice={answer} onChoose={onChange} />
      );
    case 'rating':
      return <RatingScale levels={labels} choice={answer} onChoose={onChange} />;
  }
}
