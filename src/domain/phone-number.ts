/**
 * The 11-digit mobile prefixes renumbered to 10 digits in 2018 (Ministry of Information
 * and Communications plan, carried out September–November 2018), old prefix after the 0 →
 * new one. One-stop systems still hold numbers written before it.
 */
const RENUMBERED_2018: Readonly<Record<string, string>> = {
  // Viettel
  '162': '32', '163': '33', '164': '34', '165': '35', '166': '36', '167': '37', '168': '38', '169': '39',
  // MobiFone
  '120': '70', '121': '79', '122': '77', '126': '76', '128': '78',
  // VinaPhone
  '123': '83', '124': '84', '125': '85', '127': '81', '129': '82',
  // Vietnamobile, Gmobile
  '186': '56', '188': '58', '199': '59',
};

/** A Vietnamese mobile number's 9 digits after the 0: networks 03, 05, 07, 08 and 09. */
const MOBILE_SUBSCRIBER = /^[35789]\d{8}$/;

/**
 * A Vietnamese mobile number in international form without `+` (`84912345678`), as Zalo
 * ZNS and SMS brandname gateways take it, or null when the text is not one. Accepts the
 * shapes one-stop systems hold: `0912345678`, `+84 912 345 678`, `(+84) 0912.345.678`,
 * `84-912-345-678`, `0084912345678`, and pre-2018 11-digit numbers (`01662345678` →
 * `84362345678`). Landlines and anything with letters answer null: neither channel can
 * reach them, and a guess would message a stranger.
 */
export function toInternationalPhone(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const compact = raw.normalize('NFKC').replace(/[\s.\-()/]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let national = compact.replace(/^\+/, '');
  if (national.startsWith('0084')) national = national.slice(4);
  else if (national.startsWith('84') && national.length >= 11) national = national.slice(2);
  // "+84 0912…": the trunk 0 written after the country code.
  national = national.replace(/^0/, '');
  if (national.length === 10) {
    const renumbered = RENUMBERED_2018[national.slice(0, 3)];
    if (renumbered === undefined) return null;
    national = renumbered + national.slice(3);
  }
  return MOBILE_SUBSCRIBER.test(national) ? `84${national}` : null;
}
