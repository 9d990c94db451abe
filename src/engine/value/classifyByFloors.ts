/**
 * Puts each value in the first class whose floor it reaches: class k for the first k with
 * value ≥ floors[k] (floors descending), `below` when it reaches none, −1 when the value is
 * missing (NaN). The last step of tiers by share, tiers by threshold and ABC classes, which
 * each reduce their rule to a few floors. Cost: O(n × classes), one sequential pass.
 *
 * @example classifyByFloors(Float64Array.of(85, 61, 12, NaN), [80, 60], 2) // → Int32Array [0, 1, 2, -1]
 */
export function classifyByFloors(values: Float64Array, floors: ArrayLike<number>, below: number): Int32Array {
  const out = new Int32Array(values.length);
  const classes = floors.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) {
      out[i] = -1;
      continue;
    }
    let k = 0;
    while (k < classes && v < (floors[k] as number)) k++;
    out[i] = k < classes ? k : below;
  }
  return out;
}
