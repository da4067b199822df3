// A small seeded PRNG (mulberry32): fixtures vary with their seed and nothing else, so the same
// input gives the same output, byte for byte, on every run and every runtime.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  /** `length` lower-case hex digits. */
  hex(length: number): string;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    hex: (length) => Array.from({ length }, () => int(0, 15).toString(16)).join(''),
    pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number],
  };
}
