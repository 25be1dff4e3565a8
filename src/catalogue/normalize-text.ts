/**
 * Folds Vietnamese text for search: lower case, diacritics removed, đ → d, runs of
 * white space collapsed. `Đăng ký khai sinh` and `dang ky  KHAI sinh` fold alike.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
