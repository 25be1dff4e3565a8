/** `Đăng ký khai sinh` → `dang-ky-khai-sinh`: file names, mail addresses, host names. */
export function toSlug(text: string, maxLength = 60): string {
  return toAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, maxLength)
    .replace(/-$/, '');
}

/** Vietnamese without diacritics: `Thanh Hóa` → `Thanh Hoa`. */
export function toAscii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}
