import { isMediaType } from '../media-type';

describe('isMediaType', () => {
  it.each([
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'text/plain; charset=utf-8',
    'text/plain;charset="utf-8"',
    'image/svg+xml',
  ])('takes %j', (value) => expect(isMediaType(value)).toBe(true));

  it.each([
    'text/plain\r\nSet-Cookie: x=1',
    'text/plain\nX: y',
    'text/plain; charset=utf-8\r\n',
    'application/pdf\u0000',
    'pdf',
    '',
    'text/',
    '/plain',
    'text/plain; charset',
    'text/plain; charset="a\r\nb"',
    'văn bản/pdf',
    `application/${'x'.repeat(300)}`,
  ])('refuses %j', (value) => expect(isMediaType(value)).toBe(false));
});
