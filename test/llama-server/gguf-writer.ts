/**
 * A minimal GGUF v3 encoder: enough to write a llama model of F32 tensors that llama.cpp loads.
 *
 * Layout (little-endian): magic `GGUF`, version 3, tensor count (u64), key-value count (u64), the
 * key-values, the tensor infos, padding to the alignment, then each tensor's data at an offset
 * that is a multiple of the alignment (relative to the start of the data section).
 */

/** GGUF value type codes (gguf.h). */
export const GGUF_TYPE = {
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
} as const;

/** The GGML type code of 32-bit float tensors. */
export const GGML_TYPE_F32 = 0;

/** Data section alignment; the GGUF default, so `general.alignment` need not be written. */
export const GGUF_ALIGNMENT = 32;

/** A typed metadata value; the type decides the bytes on disk. */
export type GgufValue =
  | { readonly type: 'u32'; readonly value: number }
  | { readonly type: 'u64'; readonly value: number }
  | { readonly type: 'f32'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'string[]'; readonly value: readonly string[] }
  | { readonly type: 'f32[]'; readonly value: ArrayLike<number> }
  | { readonly type: 'i32[]'; readonly value: ArrayLike<number> };

/** One F32 tensor; `dims[0]` is the innermost (row) dimension, as in GGML. */
export interface GgufTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

export interface GgufFile {
  readonly metadata: ReadonlyMap<string, GgufValue>;
  readonly tensors: readonly GgufTensor[];
}

/** Grows a byte buffer as values are appended. */
class ByteSink {
  private bytes = new Uint8Array(1 << 16);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.reserve(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }
  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  i32(v: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  f32(v: number): void {
    this.reserve(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  u64(v: number): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, BigInt(v), true);
    this.length += 8;
  }
  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }
  string(s: string): void {
    const utf8 = new TextEncoder().encode(s);
    this.u64(utf8.length);
    this.raw(utf8);
  }
  padTo(alignment: number): void {
    while (this.length % alignment !== 0) this.u8(0);
  }
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function writeValue(out: ByteSink, v: GgufValue): void {
  switch (v.type) {
    case 'u32':
      out.u32(GGUF_TYPE.uint32);
      out.u32(v.value);
      return;
    case 'u64':
      out.u32(GGUF_TYPE.uint64);
      out.u64(v.value);
      return;
    case 'f32':
      out.u32(GGUF_TYPE.float32);
      out.f32(v.value);
      return;
    case 'bool':
      out.u32(GGUF_TYPE.bool);
      out.u8(v.value ? 1 : 0);
      return;
    case 'string':
      out.u32(GGUF_TYPE.string);
      out.string(v.value);
      return;
    case 'string[]':
      out.u32(GGUF_TYPE.array);
      out.u32(GGUF_TYPE.string);
      out.u64(v.value.length);
      for (const s of v.value) out.string(s);
      return;
    case 'f32[]':
      out.u32(GGUF_TYPE.array);
      out.u32(GGUF_TYPE.float32);
      out.u64(v.value.length);
      for (let i = 0; i < v.value.length; i++) out.f32(v.value[i] as number);
      return;
    case 'i32[]':
      out.u32(GGUF_TYPE.array);
      out.u32(GGUF_TYPE.int32);
      out.u64(v.value.length);
      for (let i = 0; i < v.value.length; i++) out.i32(v.value[i] as number);
      return;
  }
}

const alignUp = (n: number): number => Math.ceil(n / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;

/**
 * Encodes a GGUF v3 file of F32 tensors.
 * @example
 * const bytes = encodeGguf({ metadata: new Map([['general.architecture', { type: 'string', value: 'llama' }]]),
 *   tensors: [{ name: 'output_norm.weight', dims: [32], data: new Float32Array(32).fill(1) }] });
 * Complexity: O(total metadata + tensor bytes).
 */
export function encodeGguf(file: GgufFile): Uint8Array {
  const out = new ByteSink();
  out.raw(new TextEncoder().encode('GGUF'));
  out.u32(3);
  out.u64(file.tensors.length);
  out.u64(file.metadata.size);
  for (const [key, value] of file.metadata) {
    out.string(key);
    writeValue(out, value);
  }
  let offset = 0;
  for (const t of file.tensors) {
    const elements = t.dims.reduce((a, b) => a * b, 1);
    if (elements !== t.data.length) {
      throw new Error(`tensor ${t.name}: dims ${t.dims.join('x')} != ${t.data.length} values`);
    }
    out.string(t.name);
    out.u32(t.dims.length);
    for (const d of t.dims) out.u64(d);
    out.u32(GGML_TYPE_F32);
    out.u64(offset);
    offset = alignUp(offset + t.data.byteLength);
  }
  out.padTo(GGUF_ALIGNMENT);
  for (const t of file.tensors) {
    out.raw(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    out.padTo(GGUF_ALIGNMENT);
  }
  return out.result();
}
