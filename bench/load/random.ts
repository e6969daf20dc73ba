/**
 * Deterministic pseudo-random numbers for the load generator. Not for anything secret.
 * One stream per (seed, purpose, tenant): the output depends only on the arguments, never on
 * iteration order or timing.
 */

/** splitmix32 finaliser: spreads nearby integers (seed 1, 2, 3…) over the whole 32-bit range. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** Picks a key with probability proportional to its weight (see `weights`). */
  weighted<K extends string>(table: Weights<K>): K;
}

/** A weight table prepared once (cumulative), so picking from it costs one random number and a short scan. */
export interface Weights<K extends string> {
  keys: readonly K[];
  cumulative: Float64Array;
  total: number;
}

export function weights<K extends string>(table: Readonly<Record<K, number>>): Weights<K> {
  const keys = Object.keys(table) as K[];
  const cumulative = new Float64Array(keys.length);
  let total = 0;
  keys.forEach((k, i) => {
    total += table[k];
    cumulative[i] = total;
  });
  return { keys, cumulative, total };
}

/** mulberry32 over a state derived from every part of the key. */
export function randomStream(...key: number[]): Random {
  let state = 0x6d2b79f5;
  for (const part of key) state = mix32(state ^ mix32(part | 0));
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)]!,
    weighted(table) {
      const r = next() * table.total;
      const { cumulative, keys } = table;
      for (let i = 0; i < keys.length - 1; i++) if (r < cumulative[i]!) return keys[i]!;
      return keys[keys.length - 1]!;
    },
  };
}
