import type { PrintedImage } from '../image';
import { createImageCache } from '../image-cache';

const image = (data: string): PrintedImage => ({ format: 'SVG', mediaType: 'image/svg+xml', data, url: null });

describe('the image cache', () => {
  it('draws an image once however often it is asked for, and again once it is the least recently used of too many', async () => {
    const drawn: string[] = [];
    const cached = createImageCache(2);
    const ask = (key: string) => cached(key, async () => (drawn.push(key), image(key)));
    await Promise.all([ask('a'), ask('a')]);
    await ask('b');
    await ask('a'); // a is now the most recent; b the least
    await ask('c'); // three kept would be too many: b goes
    await ask('a');
    await ask('b');
    expect(drawn).toEqual(['a', 'b', 'c', 'b']);
    expect((await ask('c')).data).toBe('c');
  });

  it('keeps no failed drawing: the next request draws again', async () => {
    const cached = createImageCache();
    let tries = 0;
    const draw = async () => {
      tries += 1;
      if (tries === 1) throw new Error('bwip-js refused');
      return image('ok');
    };
    await expect(cached('k', draw)).rejects.toThrow('bwip-js refused');
    await expect(cached('k', draw)).resolves.toEqual(image('ok'));
    expect(tries).toBe(2);
  });
});
