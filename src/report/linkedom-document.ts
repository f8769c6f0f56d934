import { parseHTML } from 'linkedom';
import type { PlotDocument } from './plots/plot-context.js';

/**
 * A server-side DOM document for the plots (linkedom): Observable Plot draws into it and the
 * SVG is read back with `outerHTML`, so a report needs no browser to be written.
 * @example confusionMatrixPlot(data, { document: createLinkedomDocument() }).outerHTML
 * Complexity: O(1).
 */
export function createLinkedomDocument(): PlotDocument {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  return document as PlotDocument;
}
