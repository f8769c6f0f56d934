import { z } from 'zod';

/** The expert-checks part of the HTTP API: the reviewers' Checks queue. */

/**
 * Checks waiting for an expert label: the project's fields only — never the machine's label,
 * confidence or stratum, so the answer is unbiased.
 */
export const checksResponse = z.object({
  items: z.array(z.object({ itemId: z.string(), fields: z.record(z.string(), z.unknown()) })),
  waiting: z.number(),
  labelled: z.number(),
});

/** One label, or a multi-label project's set code ('' is the empty set). */
export const checkAnswerBody = z.object({ label: z.string().max(10_000) }).strict();

export const checkAnswerResponse = z.object({ itemId: z.string(), label: z.string() });

export type ChecksResponse = z.infer<typeof checksResponse>;

/** Routes listed in the OpenAPI document with the people API's. */
export const checkRoutes = [
  {
    method: 'get',
    path: '/api/checks',
    summary: 'Expert checks drawn from the pool that wait for a label (never the machine’s label)',
    body: null,
    response: checksResponse,
    auth: 'reviewer',
  },
  {
    method: 'post',
    path: '/api/checks/{itemId}',
    summary: 'Give the expert label of a drawn check; it becomes the item’s final label',
    body: checkAnswerBody,
    response: checkAnswerResponse,
    auth: 'reviewer',
  },
] as const;
