/**
 * A tiny llama model of seeded random weights, as a GGUF file llama-server loads in well under a
 * second. Its answers are meaningless; it exists so tests can talk to a real server and check
 * protocol properties (logprobs, n samples, JSON schema, errors, concurrency).
 */
import { createRng, type Rng } from '../../src/core/rng.js';
import { encodeGguf, type GgufTensor, type GgufValue } from './gguf-writer.js';

/** SentencePiece token types (llama.cpp `llama_token_type`). */
const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** SentencePiece marks a preceding space with this character. */
const SPACE = '\u2581';

export const DEFAULT_LABEL_WORDS: readonly string[] = [
  'positive',
  'negative',
  'neutral',
  'spam',
  'ham',
  'yes',
  'no',
  'label',
  'true',
  'false',
];

export interface TinyLlamaOptions {
  readonly seed?: number;
  readonly layers?: number;
  readonly embedding?: number;
  readonly heads?: number;
  readonly feedForward?: number;
  readonly contextLength?: number;
  /** Words that become whole tokens (with and without a leading space). */
  readonly labelWords?: readonly string[];
}

export interface Vocabulary {
  readonly tokens: readonly string[];
  readonly scores: Float32Array;
  readonly types: Int32Array;
}

/**
 * The vocabulary: `<unk>`, `<s>`, `</s>`, the 256 byte tokens, ChatML markers, `▁`, printable
 * ASCII, the codes `▁A`..`▁Z` and `▁0`..`▁9`, and every prefix of each label word (with and
 * without `▁`). SentencePiece merges adjacent pieces only into pieces that exist, so the prefixes
 * are what lets a whole word become one token; longer pieces score higher and merge first.
 * @example tinyLlamaVocabulary(['spam']).tokens.includes('▁spam'); // true
 * Complexity: O(total length of the label words squared), tiny.
 */
export function tinyLlamaVocabulary(
  labelWords: readonly string[] = DEFAULT_LABEL_WORDS,
): Vocabulary {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const seen = new Set<string>();
  const add = (token: string, type: number, score: number): void => {
    if (seen.has(token)) return;
    seen.add(token);
    tokens.push(token);
    types.push(type);
    scores.push(score);
  };
  add('<unk>', TOKEN_TYPE.unknown, 0);
  add('<s>', TOKEN_TYPE.control, 0);
  add('</s>', TOKEN_TYPE.control, 0);
  for (let b = 0; b < 256; b++) {
    add(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, TOKEN_TYPE.byte, 0);
  }
  add(SPACE, TOKEN_TYPE.normal, 0);
  for (let c = 0x21; c <= 0x7e; c++) add(String.fromCharCode(c), TOKEN_TYPE.normal, 0);
  for (const code of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')
    add(SPACE + code, TOKEN_TYPE.normal, 2);
  for (const word of labelWords) {
    for (const form of [SPACE + word, word]) {
      for (let end = 2; end <= form.length; end++) add(form.slice(0, end), TOKEN_TYPE.normal, end);
    }
  }
  return { tokens, scores: Float32Array.from(scores), types: Int32Array.from(types) };
}

/** Value of the constant residual dimension. */
const BIAS = 4;

/** Output weight on the constant dimension of suppressed tokens: a logit offset of about -30. */
const SUPPRESS = -10;

/**
 * Tokens the model should (almost) never emit: `<unk>`, `<s>`, and the bytes 0x80-0xFF. A lone
 * high byte is invalid UTF-8, on which llama-server fails the whole request (500, "does not match
 * the expected ... format") or drops the choice's logprobs; tests that want those cases force
 * them with `logit_bias`. The tokens stay in the vocabulary: the tokenizer needs them to encode
 * any non-ASCII input.
 */
export function isSuppressed(token: string): boolean {
  if (token === '<unk>' || token === '<s>') return true;
  const byte = /^<0x([0-9A-F]{2})>$/.exec(token);
  return byte !== null && Number.parseInt(byte[1] ?? '0', 16) >= 0x80;
}

function randomMatrix(rng: Rng, rows: number, cols: number, scale: number): Float32Array {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal() * scale;
  return data;
}

/**
 * Encodes the tiny llama model (defaults: 2 layers, embedding 32, 4 heads, feed-forward 64,
 * context 4096): about 200 KB, the same bytes for the same options. The vocabulary has no chat
 * markers and the file no chat template: llama-server then applies its default ChatML as plain
 * text. (With `<|im_start|>` as a control token, this llama.cpp fails to set up JSON-schema
 * grammars, which begin with the generation prompt.)
 * @example writeFileSync('tiny.gguf', tinyLlamaGguf({ seed: 7 }));
 * Complexity: O(vocabulary × embedding + layers × embedding × feed-forward).
 */
export function tinyLlamaGguf(options: TinyLlamaOptions = {}): Uint8Array {
  const seed = options.seed ?? 42;
  const layers = options.layers ?? 2;
  const embd = options.embedding ?? 32;
  const heads = options.heads ?? 4;
  const ff = options.feedForward ?? 64;
  const ctx = options.contextLength ?? 4096;
  if (embd % heads !== 0) throw new Error(`embedding ${embd} is not a multiple of heads ${heads}`);
  const vocab = tinyLlamaVocabulary(options.labelWords);
  const nVocab = vocab.tokens.length;
  const rng = createRng(seed);

  const ones = (): Float32Array => new Float32Array(embd).fill(1);
  const matrix = (rows: number, cols: number, scale: number): Float32Array =>
    randomMatrix(rng, rows, cols, scale);
  // Dimension 0 of the residual stream is a constant (every embedding has BIAS there and no
  // layer writes to it), so the output layer can give tokens a fixed offset, like a bias.
  const tokenEmbd = matrix(nVocab, embd, 1);
  for (let t = 0; t < nVocab; t++) tokenEmbd[t * embd] = BIAS;
  // The output scale makes the next-token distribution peaked enough that top_logprobs differ.
  const output = matrix(nVocab, embd, 0.5);
  for (let t = 0; t < nVocab; t++)
    if (isSuppressed(vocab.tokens[t] ?? '')) output[t * embd] = SUPPRESS;
  const tensors: GgufTensor[] = [
    { name: 'token_embd.weight', dims: [embd, nVocab], data: tokenEmbd },
    { name: 'output_norm.weight', dims: [embd], data: ones() },
    { name: 'output.weight', dims: [embd, nVocab], data: output },
  ];
  const inScale = 1 / Math.sqrt(embd);
  const square = (): Float32Array => matrix(embd, embd, inScale);
  for (let l = 0; l < layers; l++) {
    const b = `blk.${l}`;
    // Rows are outputs: row 0 of the two matrices that write to the residual stream stays 0.
    const attnOutput = square();
    attnOutput.fill(0, 0, embd);
    const ffnDown = matrix(embd, ff, 1 / Math.sqrt(ff));
    ffnDown.fill(0, 0, ff);
    tensors.push(
      { name: `${b}.attn_norm.weight`, dims: [embd], data: ones() },
      { name: `${b}.attn_q.weight`, dims: [embd, embd], data: square() },
      { name: `${b}.attn_k.weight`, dims: [embd, embd], data: square() },
      { name: `${b}.attn_v.weight`, dims: [embd, embd], data: square() },
      { name: `${b}.attn_output.weight`, dims: [embd, embd], data: attnOutput },
      { name: `${b}.ffn_norm.weight`, dims: [embd], data: ones() },
      { name: `${b}.ffn_gate.weight`, dims: [embd, ff], data: matrix(ff, embd, inScale) },
      { name: `${b}.ffn_up.weight`, dims: [embd, ff], data: matrix(ff, embd, inScale) },
      { name: `${b}.ffn_down.weight`, dims: [ff, embd], data: ffnDown },
    );
  }

  const u32 = (value: number): GgufValue => ({ type: 'u32', value });
  const metadata = new Map<string, GgufValue>([
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'hilo-tiny-llama' }],
    ['general.file_type', u32(0)],
    ['llama.context_length', u32(ctx)],
    ['llama.embedding_length', u32(embd)],
    ['llama.block_count', u32(layers)],
    ['llama.feed_forward_length', u32(ff)],
    ['llama.attention.head_count', u32(heads)],
    ['llama.attention.head_count_kv', u32(heads)],
    ['llama.rope.dimension_count', u32(embd / heads)],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.vocab_size', u32(nVocab)],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32[]', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: vocab.types }],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
  ]);
  return encodeGguf({ metadata, tensors });
}
