/**
 * Time-ordered ids (UUIDv7, RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter, then
 * 62 random bits. Ids made later sort after earlier ones (as text too, since the hex is fixed
 * width), so rows keyed by them append to the end of a primary-key index instead of landing at a
 * random page of it — what makes inserting large batches of activities cheap.
 *
 * Within one millisecond the counter (seeded at random with its top bit clear, RFC 9562 §6.2
 * method 1) keeps ids of one process strictly increasing; if it runs out, or the clock steps
 * back, the timestamp is carried forward instead.
 */

/** Where the time and the randomness come from (core reads neither itself). */
export interface IdSource {
  nowMs(): number;
  fillRandom(bytes: Uint8Array): void;
}

/** Random bytes drawn from the system at once: one `getRandomValues` call per 256 ids. */
const randomPool = new Uint8Array(4096);
let poolOffset = randomPool.length;

/**
 * The system clock and `crypto.getRandomValues`, read a pool at a time: a call per id costs more
 * than the rest of making the id (ingesting a batch makes one per event).
 */
export const systemIdSource: IdSource = {
  nowMs: () => Date.now(),
  fillRandom: (bytes) => {
    if (bytes.length > randomPool.length) {
      crypto.getRandomValues(bytes);
      return;
    }
    if (poolOffset + bytes.length > randomPool.length) {
      crypto.getRandomValues(randomPool);
      poolOffset = 0;
    }
    bytes.set(randomPool.subarray(poolOffset, poolOffset + bytes.length));
    // Each byte is handed out once.
    randomPool.fill(0, poolOffset, poolOffset + bytes.length);
    poolOffset += bytes.length;
  },
};

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function format(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += hex[bytes[i] ?? 0];
  }
  return out;
}

/** A generator of strictly increasing UUIDv7 strings. */
export function timeOrderedIds(source: IdSource): () => string {
  let lastMs = -1;
  let counter = 0;
  const bytes = new Uint8Array(16);
  return () => {
    const now = source.nowMs();
    source.fillRandom(bytes);
    if (now > lastMs) {
      lastMs = now;
      counter = (((bytes[6] ?? 0) & 0x07) << 8) | (bytes[7] ?? 0);
    } else {
      counter += 1;
      if (counter > 0xfff) {
        lastMs += 1;
        counter = 0;
      }
    }
    // 48-bit big-endian milliseconds (above 2^32, so no bit operators on the whole number).
    const high = Math.floor(lastMs / 0x1_0000_0000);
    const low = lastMs % 0x1_0000_0000;
    bytes[0] = (high >>> 8) & 0xff;
    bytes[1] = high & 0xff;
    bytes[2] = (low >>> 24) & 0xff;
    bytes[3] = (low >>> 16) & 0xff;
    bytes[4] = (low >>> 8) & 0xff;
    bytes[5] = low & 0xff;
    bytes[6] = 0x70 | (counter >>> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
    return format(bytes);
  };
}

/** The process's generator on the system clock: use it for row ids that are inserted in bulk. */
export const timeOrderedId: () => string = timeOrderedIds(systemIdSource);
