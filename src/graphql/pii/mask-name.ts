/**
 * A name as its initials, `N*** V*** A***`, whatever its Unicode form (composed first, so
 * an initial keeps its diacritics: `Đ***`, `Á***`). Words are split at spaces and
 * underscores (`Nguyen_Van_A` in a file name).
 */
export function maskName(value: string): string {
  return value
    .normalize('NFC')
    .split(/[\s_]+/u)
    .filter(Boolean)
    .map((word) => `${[...word][0]}***`)
    .join(' ');
}
