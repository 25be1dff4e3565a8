/**
 * National procedure codes look like `1.001612` or `2.000477`. Provinces keep local
 * variants with an agency suffix (`1.003560.000.00.00.H56`, `2.002621.H56`); the national
 * code is the leading `d.dddddd` part. Codes that do not embed it are resolved through a
 * configured alias table instead (see NationalProceduresOptions.procedureCodeAliases).
 */
const NATIONAL = /^\d\.\d{6}$/;
const VARIANT = /^(\d\.\d{6})\.(?:\d{3}\.\d{2}\.\d{2}\.)?[A-Z]\d{2}$/;

export function isNationalProcedureCode(value: string): boolean {
  return NATIONAL.test(value);
}

/**
 * The national code of `value`: itself if it is one, the embedded code of a local
 * variant, an alias from `aliases`, or null when none applies.
 */
export function toNationalProcedureCode(value: string, aliases: Readonly<Record<string, string>> = {}): string | null {
  const code = value.trim();
  if (NATIONAL.test(code)) return code;
  const alias = aliases[code];
  if (alias !== undefined) return alias;
  const match = VARIANT.exec(code);
  return match ? (match[1] as string) : null;
}
