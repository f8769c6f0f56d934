import { mapName } from '../../core/confidence/imported-distribution.js';
import {
  decideItem,
  probabilityRow,
  readAnswer,
  type TaskShape,
} from '../../core/task-kind/index.js';
import type { Fields } from '../../core/types.js';
import type { Prediction, PredictionProblem, PredictionRules } from './prediction-types.js';
import { numberOf, parsedJson } from './record-values.js';

type MultilabelShape = Extract<TaskShape, { kind: 'multilabel' }>;

/**
 * Reads a multi-label prediction: one yes-probability per label, from a `probabilities` map
 * (label → probability that the label applies; JSON text in CSV) or `p_<label>` columns, every
 * label given once, each in [0, 1] (they need not sum to 1). The label is the set the
 * probabilities decide (`decideItem`: the most probable set within the bounds), with its
 * probability of being right under the project's measure; a label column, when given, must
 * hold a set and is kept as the label instead. Names pass through `--label-map`; a name mapped
 * outside the label set is refused, since a yes-probability cannot move to another label.
 * @example multilabelPrediction('c1', { p_joy: 0.9, p_fear: 0.1 }, rules, shape, fields)
 * Complexity: O(columns + labels).
 */
export function multilabelPrediction(
  id: string,
  values: Readonly<Record<string, unknown>>,
  context: {
    readonly rules: PredictionRules;
    readonly shape: MultilabelShape;
    readonly textCells: boolean;
  },
  fields: Fields,
): Prediction | PredictionProblem {
  const { rules, shape } = context;
  const read = marginalsOf(values, rules);
  if ('reason' in read) return read;
  const missing = shape.labels.filter((label) => !(label in read.marginals));
  if (missing.length > 0) {
    return {
      field: read.field,
      reason: `a multi-label prediction needs a probability for every label; none for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
    };
  }
  const decided = decideItem(shape, probabilityRow(shape, read.marginals));
  let label = decided.label;
  const given = values[rules.labelField];
  if (given !== undefined && given !== null && given !== '') {
    const answer = readAnswer(shape, given, { textCells: context.textCells });
    if ('problem' in answer) return { field: rules.labelField, reason: answer.problem };
    if ('answer' in answer) label = answer.answer;
  }
  return {
    id,
    label,
    probabilities: read.marginals,
    method: 'distribution',
    otherMass: 0,
    verbalized: null,
    outside: [],
    fields,
    ...(label === decided.label ? { confidence: decided.confidence } : {}),
  };
}

type Marginals = { marginals: Record<string, number>; field: string } | PredictionProblem;

function marginalsOf(values: Readonly<Record<string, unknown>>, rules: PredictionRules): Marginals {
  const map = parsedJson(values[rules.probabilitiesField]);
  let entries: [string, unknown, string][];
  let field: string;
  if (map !== undefined) {
    field = rules.probabilitiesField;
    if (typeof map !== 'object' || map === null || Array.isArray(map))
      return { field, reason: 'probabilities must be a label → probability map' };
    entries = Object.entries(map).map(([name, p]) => [name, p, field]);
  } else {
    const prefix = rules.probabilityPrefix;
    field = `${prefix}*`;
    entries = Object.keys(values)
      .filter((column) => prefix !== '' && column.startsWith(prefix))
      .map((column) => [column.slice(prefix.length), values[column], column]);
    if (entries.length === 0)
      return {
        field: rules.probabilitiesField,
        reason: `a multi-label prediction needs a yes-probability per label: a "${rules.probabilitiesField}" map or "${prefix}<label>" columns`,
      };
  }
  const marginals: Record<string, number> = {};
  for (const [name, raw, column] of entries) {
    const p = numberOf(raw);
    if (p === undefined || p === null || p < 0 || p > 1)
      return { field: column, reason: `probability of "${name}" must be a number in [0, 1]` };
    const mapped = mapName(rules.mapping, name);
    if (!('label' in mapped) || !rules.mapping.labels.includes(mapped.label))
      return {
        field: column,
        reason: `"${name}" is not one of the labels; map it with --label-map`,
      };
    if (mapped.label in marginals)
      return { field: column, reason: `two probabilities for the label "${mapped.label}"` };
    marginals[mapped.label] = p;
  }
  return { marginals, field };
}
