/** The GSM 03.38 default alphabet, basic table: what a non-Unicode SMS can carry one character per septet. */
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** True when every character of `text` is in the GSM basic table (no escapes counted). */
export function isGsmText(text: string): boolean {
  for (const char of text) if (!GSM_BASIC.includes(char)) return false;
  return true;
}
