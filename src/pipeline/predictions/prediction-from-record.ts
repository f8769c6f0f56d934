import {
  argmax,
  fromConfidence,
  fromLogprobs,
  fromMasses,
  mapName,
  type DistributionProblem,
  type ImportedDistribution,
  type TokenLogprob,
} from '../../core/confidence/imported-distribution.js';
import type { ConfidenceMethod, Fields } from '../../core/types.js';
import { labelStudioPrediction } from './label-studio-record.js';
import { multilabelPrediction } from './multilabel-prediction.js';
import type { Prediction, PredictionProblem, PredictionRules } from './prediction-types.js';
import { numberOf, parsedJson, setField, textOf } from './record-values.js';

/**
 * Reads one record of a predictions file: an id, a label, and a confidence (method `verbalized`,
 * spread over the other labels), a full distribution (`probabilities` map or `p_<option>`
 * columns: `distribution`) or token logprobs (a `top_logprobs` list of `{token, logprob}`, a
 * token → logprob map, or an OpenAI `logprobs` object: `logprobs`). Without a label column the
 * label of a distribution or logprobs row is its most probable label. A Label Studio task
 * (`data` + `predictions`) is read as its chosen prediction's choice and score. A multi-label
 * project's rows give one yes-probability per label instead (see `multilabelPrediction`).
 * @example predictionFromRecord({ id: 'a', label: 'joy', confidence: '0.9' }, rules)
 * Complexity: O(columns + labels).
 */
export function predictionFromRecord(
  values: Readonly<Record<string, unknown>>,
  rules: PredictionRules,
): Prediction | PredictionProblem {
  if (isObject(values.data) && Array.isArray(values.predictions)) {
    const task = labelStudioPrediction(values, rules);
    return 'reason' in task ? task : predictionFromRecord(task.values, rules);
  }
  const id = idOf(values[rules.idField]);
  if (typeof id !== 'string')
    return {
      field: rules.idField,
      reason:
        rules.idField in values
          ? id.reason
          : `no id column "${rules.idField}"${columnsHint(values, '--id-field')}`,
    };
  if (rules.shape?.kind === 'multilabel') {
    const context = { rules, shape: rules.shape, textCells: rules.textCells === true };
    return multilabelPrediction(id, values, context, otherColumns(values, rules));
  }
  const given = labelOf(values[rules.labelField], rules);
  if (given !== undefined && 'reason' in given) return given;
  const confidence = numberOf(values[rules.confidenceField]);
  if (confidence !== undefined && (confidence === null || confidence < 0 || confidence > 1))
    return {
      field: rules.confidenceField,
      reason: `confidence must be a number in [0, 1], got ${show(values[rules.confidenceField])}`,
    };
  const read = distributionOf(values, rules);
  if (read !== undefined && 'reason' in read) return read;
  const fields = otherColumns(values, rules);
  if (read === undefined) {
    if (confidence === undefined)
      return {
        field: rules.confidenceField,
        reason: `no confidence ("${rules.confidenceField}"), probabilities ("${rules.probabilitiesField}" or "${rules.probabilityPrefix}<label>" columns) or logprobs ("${rules.logprobsField}")`,
      };
    if (given === undefined)
      return {
        field: rules.labelField,
        reason:
          rules.labelField in values
            ? 'missing label'
            : `no label column "${rules.labelField}"${columnsHint(values, '--label-field')}`,
      };
    if (given.label === null) return abstention(id, 'verbalized', confidence, fields);
    return {
      id,
      label: given.label,
      probabilities: fromConfidence(given.label, confidence, rules.mapping.labels),
      method: 'verbalized',
      otherMass: 0,
      verbalized: confidence,
      outside: [],
      fields,
    };
  }
  const { method, distribution } = read;
  if (given?.label === null) return abstention(id, method, confidence ?? null, fields);
  return {
    id,
    label: given?.label ?? argmax(distribution.probabilities, rules.mapping.labels),
    probabilities: distribution.probabilities,
    method,
    otherMass: distribution.otherMass,
    verbalized: confidence ?? null,
    outside: distribution.outside,
    fields,
  };
}

/**
 * Tells a prediction from a problem.
 * @example if (isPredictionProblem(result)) refuse(result.reason);
 */
export function isPredictionProblem(
  result: Prediction | PredictionProblem,
): result is PredictionProblem {
  return 'reason' in result;
}

type Read = { method: ConfidenceMethod; distribution: ImportedDistribution } | PredictionProblem;

function distributionOf(
  values: Readonly<Record<string, unknown>>,
  rules: PredictionRules,
): Read | undefined {
  const logprobs = parsedJson(values[rules.logprobsField]);
  if (logprobs !== undefined) {
    const tokens = tokensOf(logprobs);
    if (tokens === null)
      return {
        field: rules.logprobsField,
        reason:
          'logprobs must be a list of {token, logprob}, a token → logprob map, or an OpenAI logprobs object',
      };
    return checked(fromLogprobs(tokens, rules.mapping), 'logprobs', rules.logprobsField);
  }
  const map = parsedJson(values[rules.probabilitiesField]);
  if (map !== undefined) {
    if (!isObject(map))
      return {
        field: rules.probabilitiesField,
        reason: 'probabilities must be a label → number map',
      };
    const masses: [string, number][] = [];
    for (const [name, value] of Object.entries(map)) {
      const p = numberOf(value);
      if (p === undefined || p === null)
        return {
          field: rules.probabilitiesField,
          reason: `probability of "${name}" is not a number`,
        };
      masses.push([name, p]);
    }
    return checked(fromMasses(masses, rules.mapping), 'distribution', rules.probabilitiesField);
  }
  const prefix = rules.probabilityPrefix;
  const columns = Object.keys(values).filter((k) => prefix !== '' && k.startsWith(prefix));
  if (columns.length === 0) return undefined;
  const masses: [string, number][] = [];
  for (const column of columns) {
    const p = numberOf(values[column]);
    if (p === undefined || p === null)
      return { field: column, reason: `must be a number, got ${show(values[column])}` };
    masses.push([column.slice(prefix.length), p]);
  }
  return checked(fromMasses(masses, rules.mapping), 'distribution', `${prefix}*`);
}

function checked(
  result: ImportedDistribution | DistributionProblem,
  method: ConfidenceMethod,
  field: string,
): Read {
  return 'problem' in result ? { field, reason: result.problem } : { method, distribution: result };
}

function tokensOf(value: unknown): TokenLogprob[] | null {
  if (isObject(value) && Array.isArray(value.content)) {
    const first: unknown = value.content[0];
    return isObject(first) ? tokensOf(first.top_logprobs) : null;
  }
  if (Array.isArray(value)) {
    const tokens: TokenLogprob[] = [];
    for (const entry of value) {
      if (!isObject(entry) || typeof entry.token !== 'string') return null;
      const logprob = numberOf(entry.logprob);
      if (logprob === undefined || logprob === null) return null;
      tokens.push({ token: entry.token, logprob });
    }
    return tokens;
  }
  if (isObject(value)) {
    const tokens: TokenLogprob[] = [];
    for (const [token, raw] of Object.entries(value)) {
      const logprob = numberOf(raw);
      if (logprob === undefined || logprob === null) return null;
      tokens.push({ token, logprob });
    }
    return tokens;
  }
  return null;
}

function labelOf(
  value: unknown,
  rules: PredictionRules,
): { label: string | null } | PredictionProblem | undefined {
  const name = textOf(value);
  if (name === undefined || name === '') return undefined;
  const mapped = mapName(rules.mapping, name);
  if ('label' in mapped) {
    if (!rules.mapping.labels.includes(mapped.label))
      return {
        field: rules.labelField,
        reason: `--label-map maps "${name}" to "${mapped.label}", which is not in the label set`,
      };
    return { label: mapped.label };
  }
  if ('outside' in mapped) return { label: null };
  return {
    field: rules.labelField,
    reason: `label "${name}" is not in the label set (${listed(rules.mapping.labels)}); map it with --label-map`,
  };
}

function abstention(
  id: string,
  method: ConfidenceMethod,
  verbalized: number | null,
  fields: Fields,
): Prediction {
  return {
    id,
    label: null,
    probabilities: null,
    method,
    otherMass: 1,
    verbalized,
    outside: [],
    fields,
  };
}

function otherColumns(values: Readonly<Record<string, unknown>>, rules: PredictionRules): Fields {
  const taken = new Set([
    rules.idField,
    rules.labelField,
    rules.confidenceField,
    rules.probabilitiesField,
    rules.logprobsField,
  ]);
  const fields: Fields = {};
  for (const [name, value] of Object.entries(values)) {
    if (taken.has(name)) continue;
    if (rules.probabilityPrefix !== '' && name.startsWith(rules.probabilityPrefix)) continue;
    setField(fields, name, value);
  }
  return fields;
}

function idOf(value: unknown): string | { reason: string } {
  if (value === undefined || value === null) return { reason: 'missing id' };
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string')
    return { reason: `id must be text or a number, got ${show(value)}` };
  if (value.trim() === '') return { reason: 'empty id' };
  return value;
}

function columnsHint(values: Readonly<Record<string, unknown>>, flag: string): string {
  const names = Object.keys(values);
  const shown = names
    .slice(0, 12)
    .map((n) => `"${n}"`)
    .join(', ');
  return ` (the columns are ${shown}${names.length > 12 ? ', …' : ''}; name one with ${flag})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'nothing';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

function listed(labels: readonly string[]): string {
  return labels.length > 8 ? `${labels.slice(0, 8).join(', ')}, …` : labels.join(', ');
}
