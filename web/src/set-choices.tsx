import type { TaskView } from '../../src/contract/people-api.js';
import { decodeLabelSet } from '../../src/core/task-kind/index.js';
import { toggleLabel } from './answer-keys.js';
import { KeyHint } from './label-choices.js';

type Labels = readonly { readonly name: string; readonly description: string }[];

/**
 * A multi-label answer: one checkbox per label with its key (keys toggle, as clicks do), and the
 * project's bounds in words. `code` is the set code of the ticked labels.
 * @example <SetChoices task={task} labels={labels} code="joy" onChange={setCode} />
 */
export function SetChoices(props: {
  task: Extract<TaskView, { kind: 'multilabel' }>;
  labels: Labels;
  code: string;
  onChange: (code: string) => void;
}) {
  const { task, labels, code } = props;
  const names = labels.map((l) => l.name);
  const ticked = new Set(decodeLabelSet(code, names));
  return (
    <fieldset className="label-set" data-testid="set-choices">
      <legend className="muted">{boundsWords(task, labels.length)}</legend>
      <ol className="labels">
        {labels.map((label, i) => (
          <li key={label.name}>
            <label className={ticked.has(label.name) ? 'chosen' : ''} title={label.description}>
              <input
                type="checkbox"
                checked={ticked.has(label.name)}
                onChange={() => props.onChange(toggleLabel(names, code, label.name))}
              />
              <KeyHint index={i} /> {label.name}
            </label>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

/** "Tick every label that applies (1–3)." in the project's bounds. */
function boundsWords(task: Extract<TaskView, { kind: 'multilabel' }>, count: number): string {
  const { minLabels: min, maxLabels: max } = task;
  if (min === 0 && max >= count) return 'Tick every label that applies, or none.';
  if (min === max) return `Tick exactly ${min} label${min === 1 ? '' : 's'}.`;
  if (max >= count) return `Tick every label that applies (at least ${min}).`;
  if (min === 0) return `Tick the labels that apply (at most ${max}).`;
  return `Tick the labels that apply (${min}–${max}).`;
}
