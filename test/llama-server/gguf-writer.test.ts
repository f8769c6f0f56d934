import { describe, expect, it } from 'vitest';
import { encodeGguf, GGUF_ALIGNMENT, GGUF_TYPE, type GgufValue } from './gguf-writer.js';
import { isSuppressed, tinyLlamaGguf, tinyLlamaVocabulary } from './tiny-llama-model.js';

interface ParsedTensor {
  name: string;
  dims: number[];
  type: number;
  offset: number;
}

/** Reads a GGUF file back, independently of the writer, far enough to check its structure. */
function parseGguf(bytes: Uint8Array): {
  magic: string;
  version: number;
  metadata: Map<string, unknown>;
  tensors: ParsedTensor[];
  dataStart: number;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u32 = (): number => ((at += 4), view.getUint32(at - 4, true));
  const u64 = (): number => ((at += 8), Number(view.getBigUint64(at - 8, true)));
  const str = (): string => {
    const n = u64();
    at += n;
    return new TextDecoder().decode(bytes.subarray(at - n, at));
  };
  const scalar = (type: number): unknown => {
    switch (type) {
      case GGUF_TYPE.uint32:
        return u32();
      case GGUF_TYPE.int32:
        return ((at += 4), view.getInt32(at - 4, true));
      case GGUF_TYPE.float32:
        return ((at += 4), view.getFloat32(at - 4, true));
      case GGUF_TYPE.bool:
        return ((at += 1), view.getUint8(at - 1) === 1);
      case GGUF_TYPE.string:
        return str();
      case GGUF_TYPE.uint64:
        return u64();
      default:
        throw new Error(`unexpected type ${type}`);
    }
  };
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  at = 4;
  const version = u32();
  const tensorCount = u64();
  const kvCount = u64();
  const metadata = new Map<string, unknown>();
  for (let i = 0; i < kvCount; i++) {
    const key = str();
    const type = u32();
    if (type === GGUF_TYPE.array) {
      const elemType = u32();
      const n = u64();
      metadata.set(
        key,
        Array.from({ length: n }, () => scalar(elemType)),
      );
    } else {
      metadata.set(key, scalar(type));
    }
  }
  const tensors: ParsedTensor[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = str();
    const nDims = u32();
    const dims = Array.from({ length: nDims }, () => u64());
    tensors.push({ name, dims, type: u32(), offset: u64() });
  }
  const dataStart = Math.ceil(at / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;
  return { magic, version, metadata, tensors, dataStart };
}

describe('encodeGguf', () => {
  it('writes magic, version 3, counts, values and aligned tensor data', () => {
    const a = Float32Array.from([1, 2, 3]); // 12 bytes: the next tensor must be padded to 32
    const b = Float32Array.from([-1.5, 0.25]);
    const metadata = new Map<string, GgufValue>([
      ['general.architecture', { type: 'string', value: 'llama' }],
      ['n', { type: 'u32', value: 7 }],
      ['big', { type: 'u64', value: 2 ** 40 }],
      ['eps', { type: 'f32', value: 0.5 }],
      ['flag', { type: 'bool', value: true }],
      ['words', { type: 'string[]', value: ['▁a', '<0x0A>'] }],
      ['ids', { type: 'i32[]', value: [3, -4] }],
    ]);
    const bytes = encodeGguf({
      metadata,
      tensors: [
        { name: 'a', dims: [3], data: a },
        { name: 'b', dims: [2, 1], data: b },
      ],
    });
    const parsed = parseGguf(bytes);
    expect(parsed.magic).toBe('GGUF');
    expect(parsed.version).toBe(3);
    expect([...parsed.metadata.entries()]).toEqual([
      ['general.architecture', 'llama'],
      ['n', 7],
      ['big', 2 ** 40],
      ['eps', 0.5],
      ['flag', true],
      ['words', ['▁a', '<0x0A>']],
      ['ids', [3, -4]],
    ]);
    expect(parsed.tensors).toEqual([
      { name: 'a', dims: [3], type: 0, offset: 0 },
      { name: 'b', dims: [2, 1], type: 0, offset: 32 },
    ]);
    expect(parsed.dataStart % GGUF_ALIGNMENT).toBe(0);
    const floatsAt = (offset: number, n: number): number[] =>
      Array.from(
        new Float32Array(
          bytes.slice(parsed.dataStart + offset, parsed.dataStart + offset + 4 * n).buffer,
        ),
      );
    expect(floatsAt(0, 3)).toEqual([1, 2, 3]);
    expect(floatsAt(32, 2)).toEqual([-1.5, 0.25]);
    expect(bytes.length % GGUF_ALIGNMENT).toBe(0);
  });

  it('rejects a tensor whose dims do not match its data', () => {
    expect(() =>
      encodeGguf({
        metadata: new Map(),
        tensors: [{ name: 'x', dims: [2, 2], data: new Float32Array(3) }],
      }),
    ).toThrow(/dims 2x2 != 3/);
  });
});

describe('tinyLlamaGguf', () => {
  const bytes = tinyLlamaGguf({ seed: 1 });
  const parsed = parseGguf(bytes);
  const vocab = tinyLlamaVocabulary();

  it('is a llama GGUF of about 200 KB with every key llama.cpp requires', () => {
    expect(parsed.magic).toBe('GGUF');
    expect(parsed.version).toBe(3);
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(bytes.length).toBeLessThan(400_000);
    expect(parsed.metadata.get('general.architecture')).toBe('llama');
    for (const key of [
      'context_length',
      'embedding_length',
      'block_count',
      'feed_forward_length',
      'attention.head_count',
      'attention.head_count_kv',
      'rope.dimension_count',
      'attention.layer_norm_rms_epsilon',
      'vocab_size',
    ]) {
      expect(parsed.metadata.has(`llama.${key}`), key).toBe(true);
    }
    expect(parsed.metadata.get('llama.vocab_size')).toBe(vocab.tokens.length);
    expect(parsed.metadata.get('tokenizer.ggml.tokens')).toEqual(vocab.tokens);
  });

  it('has the vocabulary a SentencePiece tokenizer needs', () => {
    const tokens = vocab.tokens;
    expect(tokens.slice(0, 3)).toEqual(['<unk>', '<s>', '</s>']);
    expect(tokens.filter((t) => /^<0x[0-9A-F]{2}>$/.test(t))).toHaveLength(256);
    for (const t of ['▁', 'A', '~', '!', '▁A', '▁positive', '▁ne', 'negative']) {
      expect(tokens, t).toContain(t);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('has the llama tensors, with aligned offsets that fit in the file', () => {
    const names = parsed.tensors.map((t) => t.name);
    expect(names).toHaveLength(3 + 2 * 9);
    for (const n of [
      'token_embd.weight',
      'output_norm.weight',
      'output.weight',
      'blk.1.ffn_down.weight',
    ]) {
      expect(names).toContain(n);
    }
    for (const t of parsed.tensors) {
      expect(t.offset % GGUF_ALIGNMENT, t.name).toBe(0);
      const size = 4 * t.dims.reduce((x, y) => x * y, 1);
      expect(parsed.dataStart + t.offset + size, t.name).toBeLessThanOrEqual(bytes.length);
    }
    const embd = parsed.tensors.find((t) => t.name === 'token_embd.weight');
    expect(embd?.dims).toEqual([32, vocab.tokens.length]);
  });

  it('pushes the suppressed tokens down through a constant residual dimension', () => {
    const rowStart = (name: string, token: number): number => {
      const info = parsed.tensors.find((t) => t.name === name);
      const width = info?.dims[0] ?? 0;
      return parsed.dataStart + (info?.offset ?? 0) + 4 * token * width;
    };
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = (name: string, token: number): number =>
      view.getFloat32(rowStart(name, token), true);
    const high = vocab.tokens.indexOf('<0xC3>');
    const low = vocab.tokens.indexOf('<0x0A>');
    expect(isSuppressed('<0xC3>')).toBe(true);
    expect(isSuppressed('<0x0A>')).toBe(false);
    expect(isSuppressed('</s>')).toBe(false);
    expect(at('token_embd.weight', high)).toBe(4);
    expect(at('token_embd.weight', low)).toBe(4);
    expect(at('output.weight', high)).toBe(-10);
    expect(at('output.weight', low)).toBeGreaterThan(-3);
    // No layer writes to dimension 0: its row of the output projections is all zero.
    const down = rowStart('blk.0.ffn_down.weight', 0);
    expect(Array.from(new Float32Array(bytes.slice(down, down + 4 * 64).buffer))).toEqual(
      new Array(64).fill(0),
    );
  });

  it('is the same for the same seed and differs for another', () => {
    // Buffer comparison: a deep equality over 200 KB element by element takes seconds.
    expect(Buffer.from(tinyLlamaGguf({ seed: 1 })).equals(bytes)).toBe(true);
    expect(Buffer.from(tinyLlamaGguf({ seed: 2 })).equals(bytes)).toBe(false);
  });
});
