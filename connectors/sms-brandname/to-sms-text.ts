/** The GSM 03.38 basic table: what a plain (non-Unicode) SMS carries, one character each. */
const GSM_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');

/** One SMS segment: 160 GSM characters, or 70 UTF-16 units in Unicode. */
export const SMS_SEGMENT = { gsm: 160, unicode: 70 } as const;

/**
 * Vietnamese written without diacritics (`Hồ sơ đã được tiếp nhận` → `Ho so da duoc tiep
 * nhan`), as plain brandname messages are sent: every mark dropped, `đ`/`Đ` as `d`/`D`,
 * typographic quotes and dashes as their ASCII forms, and any other character outside the
 * GSM basic table as `?`, so the carrier never switches the message to Unicode and
 * splits it.
 */
export function toGsmText(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...');
  let out = '';
  for (const char of plain) out += GSM_BASIC.has(char) ? char : '?';
  return out;
}
