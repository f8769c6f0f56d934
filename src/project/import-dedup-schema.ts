import { z } from 'zod';
import { PROJECT_DEFAULTS } from '../core/project.js';
import { parseCleanRule } from '../core/text-clean/index.js';

const D = PROJECT_DEFAULTS;

/**
 * hilo.yaml `import`: `clean` holds clean-up rules as `--clean` takes them, each checked here.
 * @example importSettings.parse({ clean: ['html,entities'] })
 */
export const importSettings = z
  .object({
    clean: z
      .array(
        z.string().superRefine((value, ctx) => {
          const rule = parseCleanRule(value);
          if ('problem' in rule) ctx.addIssue({ code: 'custom', message: rule.problem });
        }),
      )
      .default([...D.import.clean]),
  })
  .strict();

/**
 * hilo.yaml `dedup`: the threshold, shingles and MinHash size of `hilo dedup`.
 * @example dedupSettings.parse({ threshold: 0.9 })
 */
export const dedupSettings = z
  .object({
    threshold: z.number().gt(0).max(1).default(D.dedup.threshold),
    shingle: z.number().int().min(1).max(64).default(D.dedup.shingle),
    unit: z.enum(['char', 'word']).default(D.dedup.unit),
    hashes: z.number().int().min(8).max(1024).default(D.dedup.hashes),
    seed: z.number().int().default(D.dedup.seed),
  })
  .strict();
