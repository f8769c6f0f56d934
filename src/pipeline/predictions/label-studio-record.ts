import type { PredictionProblem, PredictionRules } from './prediction-types.js';

/**
 * A Label Studio task with predictions (`{"data": {...}, "predictions": [{"result": [{"value":
 * {"choices": ["x"]}}], "score": 0.87, "model_version": "v1"}]}`, one element of a task list
 * export) as a flat record: the task's `data`, its id (`data[idField]`, else the task's own
 * `id`), the prediction's choice as the label and its `score` as the confidence. With several
 * predictions, the one whose `model_version` is the model's name is read; a task with several
 * and none of that name is refused.
 * @example labelStudioPrediction({ id: 7, data: { text: 'hi' }, predictions: [{ result: [{ value: { choices: ['joy'] } }], score: 0.9 }] }, rules).values
 * // { text: 'hi', id: 7, label: 'joy', confidence: 0.9 }
 * Complexity: O(predictions + results + columns).
 */
export function labelStudioPrediction(
  task: Readonly<Record<string, unknown>>,
  rules: PredictionRules,
): { values: Record<string, unknown> } | PredictionProblem {
  const data = task.data as Record<string, unknown>;
  const predictions = (task.predictions as unknown[]).filter(isObject);
  const named = predictions.filter((p) => p.model_version === rules.model);
  const chosen = named.length > 0 ? named : predictions;
  if (chosen.length === 0) return { field: 'predictions', reason: 'the task has no prediction' };
  if (chosen.length > 1)
    return {
      field: 'predictions',
      reason: `the task has ${chosen.length} predictions and none has model_version "${rules.model}"`,
    };
  const prediction = chosen[0] as Record<string, unknown>;
  const results = Array.isArray(prediction.result) ? prediction.result.filter(isObject) : [];
  const choices = results.flatMap((r) =>
    isObject(r.value) && Array.isArray(r.value.choices) ? (r.value.choices as unknown[]) : [],
  );
  if (choices.length !== 1)
    return {
      field: 'predictions',
      reason: `a prediction must choose exactly one label (value.choices), got ${choices.length}`,
    };
  const values: Record<string, unknown> = { ...data };
  values[rules.idField] = data[rules.idField] ?? task.id;
  values[rules.labelField] = choices[0];
  if (prediction.score !== undefined) values[rules.confidenceField] = prediction.score;
  return { values };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
