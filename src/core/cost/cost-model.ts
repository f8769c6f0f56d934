import { HiloError } from '../errors.js';
import type { ModelPrice } from '../project.js';
import { tokenCost } from './token-cost.js';

function nonNegative(name: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new HiloError('INVALID_INPUT', `${name} must be a finite number ≥ 0, got ${value}`, {
      field: name,
    });
  }
}

/**
 * Cost of one person labelling one item: hourly rate / items per hour.
 * @example annotationCost({ hourlyRate: 15, itemsPerHour: 60 }) // 0.25
 * Complexity: O(1).
 */
export function annotationCost(options: {
  readonly hourlyRate: number;
  readonly itemsPerHour: number;
}): number {
  nonNegative('hourlyRate', options.hourlyRate);
  if (!(options.itemsPerHour > 0)) {
    throw new HiloError(
      'INVALID_INPUT',
      `itemsPerHour must be positive, got ${options.itemsPerHour}`,
      { field: 'itemsPerHour' },
    );
  }
  return options.hourlyRate / options.itemsPerHour;
}

/**
 * Human cost per real item: one annotation × overlap (people per item) × (1 + controlRate),
 * where controlRate is the number of control tasks shown per real task (0.1 = one control
 * for every ten items), the overhead of checking people.
 * @example humanCostPerItem({ hourlyRate: 15, itemsPerHour: 60, overlap: 3, controlRate: 0.1 }) // 0.825
 * Complexity: O(1).
 */
export function humanCostPerItem(options: {
  readonly hourlyRate: number;
  readonly itemsPerHour: number;
  readonly overlap: number;
  readonly controlRate: number;
}): number {
  nonNegative('overlap', options.overlap);
  nonNegative('controlRate', options.controlRate);
  return annotationCost(options) * options.overlap * (1 + options.controlRate);
}

/**
 * Machine cost of a run: tokens × the model's price per million tokens, plus hosting per hour ×
 * hours (a self-hosted model; 0 for a paid API).
 * @example machineCost({ tokensIn: 2e6, tokensOut: 1e5, price: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }) // 0.36
 * Complexity: O(1).
 */
export function machineCost(options: {
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly price: ModelPrice;
  readonly hostingPerHour?: number;
  readonly hours?: number;
}): number {
  nonNegative('tokensIn', options.tokensIn);
  nonNegative('tokensOut', options.tokensOut);
  const hosting = (options.hostingPerHour ?? 0) * (options.hours ?? 0);
  nonNegative('hosting', hosting);
  return tokenCost(options, options.price) + hosting;
}

/**
 * The plain human project every plan is compared with: (N + controls) × overlap × cost of one
 * annotation, with controls = N × controlRate.
 * @example humanBaselineCost({ items: 3000, controlRate: 0.1, overlap: 3, annotationCost: 0.25 }) // 2475
 * Complexity: O(1).
 */
export function humanBaselineCost(options: {
  readonly items: number;
  readonly controlRate: number;
  readonly overlap: number;
  readonly annotationCost: number;
}): number {
  nonNegative('items', options.items);
  nonNegative('controlRate', options.controlRate);
  nonNegative('overlap', options.overlap);
  nonNegative('annotationCost', options.annotationCost);
  const controls = options.items * options.controlRate;
  return (options.items + controls) * options.overlap * options.annotationCost;
}

/**
 * Control tasks per real task from `people.controlRate`, the share of served items that are
 * controls: r / (1 − r) (10% of served items is one control per nine tasks).
 * @example controlsPerTask(0.1) // 0.111…
 * Complexity: O(1).
 */
export function controlsPerTask(shareOfServed: number): number {
  nonNegative('controlRate', shareOfServed);
  return shareOfServed >= 1 ? 0 : shareOfServed / (1 - shareOfServed);
}
