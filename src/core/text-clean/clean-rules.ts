import { CLEAN_STEPS, cleanText, type CleanStep } from './clean-text.js';

/** Which clean-up steps run on which fields: `field` null means every text field of the project. */
export interface CleanRule {
  readonly field: string | null;
  readonly steps: readonly CleanStep[];
}

/** The field beside a cleaned field that keeps its text as it came: `text` → `text_original`. */
export const ORIGINAL_SUFFIX = '_original';

/**
 * Reads one `--clean` value: `STEPS` (every text field) or `FIELD=STEPS`, where STEPS is a comma
 * list of `html`, `entities`, `unicode`, `whitespace`, or `all` for the four.
 * @example parseCleanRule('text=html,entities') // { field: 'text', steps: ['html', 'entities'] }
 * Complexity: O(length).
 */
export function parseCleanRule(value: string): CleanRule | { readonly problem: string } {
  const eq = value.indexOf('=');
  const field = eq === -1 ? null : value.slice(0, eq).trim();
  if (field === '') return { problem: `"${value}" names no field before "="` };
  const names = (eq === -1 ? value : value.slice(eq + 1))
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) return { problem: `"${value}" names no clean-up step` };
  const steps = new Set<CleanStep>();
  for (const name of names) {
    if (name === 'all') CLEAN_STEPS.forEach((step) => steps.add(step));
    else if ((CLEAN_STEPS as readonly string[]).includes(name)) steps.add(name as CleanStep);
    else
      return { problem: `unknown clean-up step "${name}" (use ${CLEAN_STEPS.join(', ')} or all)` };
  }
  return { field, steps: CLEAN_STEPS.filter((step) => steps.has(step)) };
}

/**
 * The steps each field gets: a rule for every text field applies to each of `textFields`, and a
 * rule naming a field adds to that field's steps. A named field that is not a text field is a
 * problem (cleaning an id or a label would change what it refers to).
 * @example cleanPlan([{ field: null, steps: ['entities'] }], ['text']) // Map { 'text' => ['entities'] }
 * Complexity: O(rules × fields).
 */
export function cleanPlan(
  rules: readonly CleanRule[],
  textFields: readonly string[],
): ReadonlyMap<string, readonly CleanStep[]> | { readonly problem: string } {
  const plan = new Map<string, Set<CleanStep>>();
  for (const rule of rules) {
    if (rule.field !== null && !textFields.includes(rule.field)) {
      return {
        problem: `cannot clean "${rule.field}": not one of the project's fields (${textFields.join(', ')})`,
      };
    }
    for (const field of rule.field === null ? textFields : [rule.field]) {
      const steps = plan.get(field) ?? new Set<CleanStep>();
      rule.steps.forEach((step) => steps.add(step));
      plan.set(field, steps);
    }
  }
  return new Map(
    [...plan].map(([field, steps]) => [field, CLEAN_STEPS.filter((step) => steps.has(step))]),
  );
}

/** Fields after clean-up, and the names of those that changed. */
export interface CleanedFields {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly changed: readonly string[];
}

/**
 * Cleans the text fields of one record by the plan; each field that changed keeps its text as it
 * came in `<field>_original` beside it. A field that changed while the record already has a
 * different `<field>_original` is a problem (the original would be lost); an equal one (a file
 * exported after an earlier clean-up) is kept as it is.
 * @example cleanFields({ text: 'a&amp;b' }, new Map([['text', ['entities']]]))
 * // { fields: { text: 'a&b', text_original: 'a&amp;b' }, changed: ['text'] }
 * Complexity: O(total text length × steps).
 */
export function cleanFields(
  fields: Readonly<Record<string, unknown>>,
  plan: ReadonlyMap<string, readonly CleanStep[]>,
): CleanedFields | { readonly field: string; readonly problem: string } {
  const out: Record<string, unknown> = { ...fields };
  const changed: string[] = [];
  for (const [field, steps] of plan) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    const cleaned = cleanText(value, steps);
    if (cleaned === value) continue;
    const originalField = `${field}${ORIGINAL_SUFFIX}`;
    const before = fields[originalField];
    if (before !== undefined && before !== null && before !== value && before !== '') {
      return {
        field: originalField,
        problem: `field "${originalField}" is already there and differs from "${field}"; cleaning would lose one of them`,
      };
    }
    out[field] = cleaned;
    out[originalField] = value;
    changed.push(field);
  }
  return { fields: out, changed };
}
