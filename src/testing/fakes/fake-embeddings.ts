import type { FakeFailureReply } from './fake-replies.js';

/** The JSON body of `POST /v1/embeddings` as a client sends it. */
export interface EmbeddingsBody {
  readonly model?: string;
  readonly input?: string | readonly string[];
  readonly encoding_format?: string;
}

/** What the fake server does with one embeddings request: vectors, or any non-completion reply. */
export type FakeEmbeddingReply =
  | {
      readonly type: 'embeddings';
      /** One entry per vector sent; need not match the inputs (to test clients' checks). */
      readonly vectors: readonly (readonly unknown[])[];
      /** Replaces the usage the server would compute; null leaves `usage` out. */
      readonly usage?: { readonly prompt_tokens: number } | null;
      /** Send the entries in reverse order (with their `index`), as a server may. */
      readonly reversed?: boolean;
      readonly delayMs?: number;
    }
  | FakeFailureReply;

/** Decides the reply to the `index`-th embeddings request (0-based, counting every one received). */
export type FakeEmbeddingResponder = (
  body: EmbeddingsBody,
  index: number,
) => FakeEmbeddingReply | Promise<FakeEmbeddingReply>;

/**
 * A deterministic unit vector for a text (FNV-1a seeded sines): equal texts give equal
 * vectors, different texts (almost surely) different ones.
 * @example fakeEmbeddingVector('hello', 8); // 8 numbers, Euclidean norm 1
 * Complexity: O(length + dimensions).
 */
export function fakeEmbeddingVector(text: string, dimensions: number): number[] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  const vector = Array.from({ length: dimensions }, (_, d) => Math.sin(hash * (d + 1) + d));
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => Math.fround(v / norm));
}

/**
 * The default embeddings responder: `fakeEmbeddingVector` of each input.
 * @example startFakeOpenAiServer({ embed: embeddingsResponder(16) });
 * Complexity: O(inputs × dimensions) per request.
 */
export function embeddingsResponder(dimensions = 8): FakeEmbeddingResponder {
  return (body) => fakeEmbeddings(inputsOf(body).map((t) => fakeEmbeddingVector(t, dimensions)));
}

/** @example fakeEmbeddings([[0.1, 0.2]], { usage: null }); */
export function fakeEmbeddings(
  vectors: readonly (readonly unknown[])[],
  options: {
    readonly usage?: { readonly prompt_tokens: number } | null;
    readonly reversed?: boolean;
  } = {},
): FakeEmbeddingReply {
  return { type: 'embeddings', vectors, ...options };
}

/** The inputs of a request as a list. @example inputsOf({ input: 'a' }); // ['a'] */
export function inputsOf(body: EmbeddingsBody): readonly string[] {
  const input = body.input;
  return typeof input === 'string' ? [input] : (input ?? []);
}

/**
 * The wire body of an `embeddings` reply, like llama.cpp's: numbers, or base64 float32 when the
 * request asked `encoding_format: "base64"`; usage counts characters / 4 unless given.
 * @example embeddingsWireBody(fakeEmbeddings([[1, 0]]), { model: 'm', input: ['a'] });
 * Complexity: O(vectors × dimensions).
 */
export function embeddingsWireBody(
  reply: Extract<FakeEmbeddingReply, { type: 'embeddings' }>,
  body: EmbeddingsBody,
): unknown {
  const base64 = body.encoding_format === 'base64';
  const data = reply.vectors.map((vector, index) => ({
    index,
    object: 'embedding',
    embedding: base64 ? encodeFloat32(vector) : vector,
  }));
  if (reply.reversed) data.reverse();
  const chars = inputsOf(body).reduce((sum, text) => sum + text.length, 0);
  const tokens = Math.ceil(chars / 4);
  return {
    model: body.model ?? 'fake-model',
    object: 'list',
    data,
    ...(reply.usage !== null && {
      usage: reply.usage ?? { prompt_tokens: tokens, total_tokens: tokens },
    }),
  };
}

function encodeFloat32(vector: readonly unknown[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, d) => bytes.writeFloatLE(Number(value), d * 4));
  return bytes.toString('base64');
}
