import { PassThrough } from 'node:stream';
import { createLogger, parseLogFormat } from '../create-logger';

function collect() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

describe('the logger', () => {
  it('writes one JSON object per line for collectors', () => {
    const { stream, text } = collect();
    const logger = createLogger({ format: 'json', destination: stream });
    logger.info({ source: 'province-h56', read: 200 }, 'province sync pass');
    const line = JSON.parse(text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, name: 'lienthong', source: 'province-h56', read: 200, msg: 'province sync pass' });
    expect(typeof line.time).toBe('string');
  });

  it('writes a readable line for a person at a terminal: time, level, message, then the facts', () => {
    const { stream, text } = collect();
    const logger = createLogger({ format: 'pretty', destination: stream });
    logger.warn({ source: 'province-h56', error: 'UPSTREAM_TIMEOUT' }, 'province sync pass failed');
    expect(text()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: province sync pass failed \{"source":"province-h56","error":"UPSTREAM_TIMEOUT"\}\n$/);
  });

  it('reads --log-format, and refuses anything but json or pretty', () => {
    expect([parseLogFormat(undefined), parseLogFormat('json'), parseLogFormat('pretty')]).toEqual([undefined, 'json', 'pretty']);
    expect(() => parseLogFormat('text')).toThrow('--log-format must be json or pretty; got "text"');
  });
});
