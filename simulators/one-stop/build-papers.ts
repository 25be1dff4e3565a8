import type { SeededRandom } from '../kit';
import { objectId } from './object-id';
import { toSlug } from './to-slug';
import type { Channel } from './types';
import { formatVnDate } from './vn-time';

/** Where the one-stop system serves a stored file: by id, the extension kept. */
export function fileUrl(host: string, storedAt: number, fileName: string, random: SeededRandom): string {
  const extension = /\.[a-z]+$/i.exec(fileName)?.[0].toLowerCase() ?? '';
  return `${host}/files/${formatVnDate(storedAt).slice(0, 7).replace('-', '/')}/${objectId(storedAt, random)}${extension}`;
}

const slugs = new Map<string, string>();

/** toSlug, remembered: the same few paper names come back thousands of times. */
export function slug(text: string): string {
  let found = slugs.get(text);
  if (found === undefined) {
    found = toSlug(text, 40);
    slugs.set(text, found);
  }
  return found;
}

/** What a file is called: typed names online, phone photos and scans otherwise. */
export function uploadName(paperName: string, channel: Channel, index: number, submittedAt: number, random: SeededRandom): string {
  if (channel !== 2) return `${slug(paperName)}_scan_${String(index + 1).padStart(2, '0')}.pdf`;
  const point = random.next();
  if (point < 0.5) return `${slug(paperName)}.pdf`;
  if (point < 0.75) return `IMG_${formatVnDate(submittedAt).replace(/-/g, '')}_${String(random.int(0, 235959)).padStart(6, '0')}.jpg`;
  return `${paperName}.pdf`;
}

