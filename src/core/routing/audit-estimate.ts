import { clopperPearson, type Interval } from './clopper-pearson.js';

/**
 * Audit results of one batch: accepted items sent to people, and how many the machine got right.
 * @example auditEstimate({ batches: [{ batch: 'week 1', audited: 50, correct: 49 }], target: 0.97 })
 */
export interface AuditBatch {
  readonly batch: string;
  readonly audited: number;
  readonly correct: number;
}

/**
 * `alarm`: even the upper confidence bound is below target (accuracy has surely dropped);
 * `warn`: the point estimate is below target; `ok`: neither; `no-data`: nothing audited.
 * @example auditEstimate({ batches, target: 0.97 }).some((row) => row.status === 'alarm')
 */
export type AuditStatus = 'ok' | 'warn' | 'alarm' | 'no-data';

/**
 * Audited accepted items, how many were right, the accuracy with its interval, and the status
 * against the target.
 * @example const { accuracy, status } = auditEstimate({ batches, target: 0.97 })[0].cumulative
 */
export interface AuditFigures {
  readonly audited: number;
  readonly correct: number;
  readonly accuracy: Interval;
  readonly status: AuditStatus;
}

/**
 * One batch of `auditEstimate`: its own figures and those of every batch up to it.
 * @example for (const row of auditEstimate({ batches, target: 0.97 })) console.log(row.batch, row.status, row.cumulative.status)
 */
export interface AuditRow extends AuditFigures {
  readonly batch: string;
  /** Every batch up to and including this one. */
  readonly cumulative: AuditFigures;
}

function figures(audited: number, correct: number, target: number, alpha: number): AuditFigures {
  const accuracy = clopperPearson(correct, audited, alpha);
  const status: AuditStatus =
    audited === 0
      ? 'no-data'
      : accuracy.upper < target
        ? 'alarm'
        : accuracy.estimate < target
          ? 'warn'
          : 'ok';
  return { audited, correct, accuracy, status };
}

/**
 * Running estimate of the accuracy of accepted labels from audit samples: per batch and
 * cumulative, with a two-sided Clopper–Pearson interval at 1 − alpha (default 95%) and a
 * status (see `AuditStatus`). A per-batch alarm is the drift signal; the cumulative figure is
 * the steadier long-run estimate.
 * @example auditEstimate({ batches: [{ batch: 'b1', audited: 50, correct: 44 }], target: 0.97 })[0].status // 'alarm'
 * Complexity: O(b) interval computations for b batches.
 */
export function auditEstimate(options: {
  readonly batches: readonly AuditBatch[];
  readonly target: number;
  readonly alpha?: number;
}): AuditRow[] {
  const alpha = options.alpha ?? 0.05;
  let audited = 0;
  let correct = 0;
  return options.batches.map((b) => {
    audited += b.audited;
    correct += b.correct;
    return {
      batch: b.batch,
      ...figures(b.audited, b.correct, options.target, alpha),
      cumulative: figures(audited, correct, options.target, alpha),
    };
  });
}
