import type { PrintedImage } from './image';

/** Images kept: a few megabytes (a PNG QR code is about 3 KB in base64, an SVG about 6 KB). */
const DEFAULT_ENTRIES = 1000;

/**
 * The images drawn lately, by what they show and how (`qr:PNG:<url>`), least recently used
 * dropped first. A code's image never changes, and a dashboard asks for the same receipts
 * again and again: drawing a PNG QR code costs about 25 ms of the event loop, a lookup
 * nothing. Requests drawing the same image at once share one drawing.
 */
export function createImageCache(maxEntries = DEFAULT_ENTRIES): (key: string, draw: () => Promise<PrintedImage>) => Promise<PrintedImage> {
  const kept = new Map<string, Promise<PrintedImage>>();
  return (key, draw) => {
    const known = kept.get(key);
    if (known) {
      // Map order is insertion order: moving the entry to the end marks it most recently used.
      kept.delete(key);
      kept.set(key, known);
      return known;
    }
    const drawing = draw();
    kept.set(key, drawing);
    // A drawing that fails is not kept: the next request tries again.
    drawing.catch(() => kept.get(key) === drawing && kept.delete(key));
    if (kept.size > maxEntries) kept.delete(kept.keys().next().value!);
    return drawing;
  };
}
