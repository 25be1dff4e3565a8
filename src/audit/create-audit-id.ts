import { randomBytes } from 'node:crypto';

// Crockford's base32, as ULID uses it (https://github.com/ulid/spec).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A ULID (https://github.com/ulid/spec): 10 characters of millisecond time, then 16 of
 * randomness, 26 in all. Monotonic within the process: ids made in the same millisecond,
 * or while the clock steps back, increment the previous randomness, so string order is
 * always the order of creation here. Across processes they are unique, not ordered.
 */
export function createAuditId(now: number = Date.now()): string {
  if (now > lastTime) {
    lastTime = now;
    lastRandom = Array.from(randomBytes(16), (byte) => byte & 31);
  } else if (!increment(lastRandom)) {
    lastTime += 1;
    lastRandom = Array.from(randomBytes(16), (byte) => byte & 31);
  }
  let time = '';
  for (let rest = lastTime, i = 0; i < 10; i += 1, rest = Math.floor(rest / 32)) time = ALPHABET[rest % 32] + time;
  return time + lastRandom.map((digit) => ALPHABET[digit]).join('');
}

/** Adds one to a base-32 number; false when it overflowed (80 bits used up in one millisecond). */
function increment(digits: number[]): boolean {
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    if (digits[i]! < 31) {
      digits[i]! += 1;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}
