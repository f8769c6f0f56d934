/**
 * Disjoint sets over 0..n−1 with path halving and union by size.
 * @example const sets = new UnionFind(3); sets.union(0, 2); sets.find(2) === sets.find(0) // true
 * Complexity: near O(1) amortised per operation (inverse Ackermann).
 */
export class UnionFind {
  readonly #parent: Int32Array;
  readonly #size: Int32Array;

  constructor(count: number) {
    this.#parent = new Int32Array(count);
    this.#size = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.#parent[i] = i;
  }

  find(x: number): number {
    let node = x;
    for (;;) {
      const parent = this.#parent[node] as number;
      if (parent === node) return node;
      const grand = this.#parent[parent] as number;
      this.#parent[node] = grand;
      node = grand;
    }
  }

  /** Joins the sets of x and y; true when they were apart. */
  union(x: number, y: number): boolean {
    let a = this.find(x);
    let b = this.find(y);
    if (a === b) return false;
    if ((this.#size[a] as number) < (this.#size[b] as number)) [a, b] = [b, a];
    this.#parent[b] = a;
    this.#size[a] = (this.#size[a] as number) + (this.#size[b] as number);
    return true;
  }
}
