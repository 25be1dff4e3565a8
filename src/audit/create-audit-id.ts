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

/**
 * Makes every id created from now on in this process sort after `id`, an id read back from
 * the store (the newest one, when an audit writer starts): even when this machine's clock
 * is behind the one that made it, new ids continue from it instead of sorting before it,
 * so id order stays the order of the hash chain across restarts. An `id` older than the
 * ids made here already changes nothing. Returns false, changing nothing, when `id` is not
 * a ULID of this alphabet.
 */
export function continueAuditIdsAfter(id: string): boolean {
  if (!/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(id)) return false;
  const digits = Array.from(id, (character) => ALPHABET.indexOf(character));
  const time = digits.slice(0, 10).reduce((sum, digit) => sum * 32 + digit, 0);
  const random = digits.slice(10);
  if (time > lastTime || (time === lastTime && compareDigits(random, lastRandom) > 0)) {
    lastTime = time;
    lastRandom = random;
  }
  return true;
}

function compareDigits(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const difference = a[i]! - (b[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
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
