/**
 * Named random streams.
 *
 * Every random draw in a simulation comes from a stream named for what it
 * feeds (`arrivals/sales`, `service/sales`, `patience/sales` …). A stream's
 * seed is a hash of (run seed, replication index, stream name), so streams
 * are independent of one another and of the order in which they are created:
 * adding a stream, or drawing more or fewer numbers from one, never shifts
 * the numbers of another.
 *
 * Generator: seedrandom's xor4096 (Brent's xorgens, period 2^4096 − 1),
 * chosen for speed. The seed string becomes the generator's state as in
 * seedrandom's xor4096, and the draws run step for step as seedrandom
 * computes them (so the numbers are exactly seedrandom's), in one small
 * closure that V8 inlines at the call site instead of two nested ones. The
 * 128 words of state are a packed array of small integers, not an
 * Int32Array: once any ArrayBuffer in the process has been detached (tsx's
 * loader does it, so do transfers to worker threads), V8 checks on every
 * typed-array access that the buffer is still attached.
 */
import { sha256Hex } from './sha256.js';

/** A source of uniform variates strictly inside (0, 1). */
export type Uniform = () => number;

export interface RandomStream {
  /** The stream's name, e.g. `arrivals/sales`. */
  readonly name: string;
  /** A uniform variate strictly inside (0, 1): never 0, never 1. */
  readonly uniform: Uniform;
}

const TWO_POW_MINUS_32 = 1 / 4294967296;

/**
 * The seed string of a stream: SHA-256 of the triple, so nearby seeds and
 * similar names give unrelated generator states.
 */
export function streamSeed(seed: number, replication: number, name: string): string {
  return sha256Hex(`ccsim\u0000${seed}\u0000${replication}\u0000${name}`);
}

/** Creates the stream `name` of replication `replication` of a run seeded `seed`. */
export function createStream(seed: number, replication: number, name: string): RandomStream {
  const state = xor4096State(streamSeed(seed, replication, name));
  const x = state.x;
  let i = state.i;
  let w = state.w;
  const uniform: Uniform = () => {
    // One step of xor4096 (seedrandom's XorGen.next): a Weyl sequence plus an xorshift over 128 words.
    w = (w + 0x61c88647) | 0;
    let v = x[(i + 34) & 127];
    i = (i + 1) & 127;
    let t = x[i];
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v ^= t;
    x[i] = v;
    // 32 random bits mapped to the centre of one of 2^32 equal cells of (0, 1):
    // strictly positive and strictly below one, as inversion methods require.
    return (((v + (w ^ (w >>> 16))) >>> 0) + 0.5) * TWO_POW_MINUS_32;
  };
  return { name, uniform };
}

/**
 * The xor4096 state seedrandom derives from a string seed (its XorGen
 * init, step for step: characters mixed into a xorshift, 128 words of
 * state, 512 warm-up steps without the Weyl sequence), written here
 * without seedrandom's growing array so that it costs a few microseconds.
 * test/kernel/random.test.ts checks it against seedrandom itself.
 */
function xor4096State(key: string): { x: number[]; i: number; w: number } {
  const seed = `${key}\u0000`;
  const limit = Math.max(128, seed.length);
  const x: number[] = [];
  for (let k = 0; k < 128; k++) x.push(0);
  let v = 0;
  let w = 0;
  let zeros = 0;
  for (let j = -32; j < limit; ++j) {
    v ^= seed.charCodeAt((j + 32) % seed.length);
    if (j === 0) w = v;
    v ^= v << 10;
    v ^= v >>> 15;
    v ^= v << 4;
    v ^= v >>> 13;
    if (j >= 0) {
      w = (w + 0x61c88647) | 0;
      const t = (x[j & 127] ^= v + w);
      zeros = t === 0 ? zeros + 1 : 0;
    }
  }
  // All zeroes: make the key nonzero.
  if (zeros >= 128) x[seed.length & 127] = -1;
  let i = 127;
  for (let j = 4 * 128; j > 0; --j) {
    let u = x[(i + 34) & 127];
    i = (i + 1) & 127;
    let t = x[i];
    u ^= u << 13;
    t ^= t << 17;
    u ^= u >>> 15;
    t ^= t >>> 12;
    x[i] = u ^ t;
  }
  return { x, i, w };
}

/** Creates streams on demand for one replication, one per name. */
export class StreamFactory {
  private readonly streams = new Map<string, RandomStream>();

  constructor(
    readonly seed: number,
    readonly replication: number,
  ) {}

  /** The stream of that name; asking twice gives the same stream object. */
  get(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = createStream(this.seed, this.replication, name);
      this.streams.set(name, stream);
    }
    return stream;
  }
}
