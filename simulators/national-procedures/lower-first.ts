/** `Đăng ký khai sinh` → `đăng ký khai sinh`, for a name used inside a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
