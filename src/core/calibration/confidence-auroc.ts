/**
 * AUROC of confidence as a detector of "the machine is right": the probability that a random
 * right answer has higher confidence than a random wrong one, ties counting one half
 * (Mann–Whitney U with mid-ranks). NaN when all answers are right or all wrong.
 * @example confidenceAuroc([0.9, 0.8, 0.6], [1, 0, 0]) // 1
 * Complexity: O(n log n).
 */
export function confidenceAuroc(confidence: ArrayLike<number>, correct: ArrayLike<number>): number {
  const n = confidence.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (confidence[i] as number) - (confidence[j] as number),
  );
  let rankSumRight = 0;
  let right = 0;
  let r = 0;
  while (r < n) {
    // A run of equal confidences shares the mean of the ranks r + 1 .. s.
    let s = r;
    while (s + 1 < n && confidence[order[s + 1] as number] === confidence[order[r] as number]) s++;
    const midRank = (r + 1 + (s + 1)) / 2;
    for (let t = r; t <= s; t++) {
      if ((correct[order[t] as number] as number) === 1) {
        rankSumRight += midRank;
        right++;
      }
    }
    r = s + 1;
  }
  const wrong = n - right;
  if (right === 0 || wrong === 0) return Number.NaN;
  return (rankSumRight - (right * (right + 1)) / 2) / (right * wrong);
}
