import type { SimResponse } from '../kit';
import { errorReply } from '../national-procedures/json-reply';

/**
 * The `error_code` values this simulator answers with (our reading where docs/sources.md §4
 * does not say; README.md lists each with its message). `error_message` is always
 * Vietnamese. The protocol-level codes are the national procedure adapter's (§1), with
 * which the portal shares its adapter.
 */
export const PORTAL_ERROR_CODES = {
  ok: 0,
  /** Routing code `dstcode` missing or not the one this adapter serves. */
  routing: -1,
  /** `madonvi` missing or empty. */
  missingAgency: -2,
  /** DongBoHoSoMC create (`isUpdating` "False") of a dossier the portal already holds (docs/sources.md §4: "3"/"-3", "đã tồn tại"). */
  alreadyExists: -3,
  /** An update, or steps, of a dossier the portal does not hold. */
  dossierNotFound: -4,
  /** Login refused. */
  credentials: 1,
  /** `service` names no service. */
  unknownService: 2,
  /** A value the portal requires is missing or empty. */
  missingValue: 10,
  /** A date is not `yyyyMMddHHmmss`, or not a real calendar instant. */
  invalidDate: 11,
  /** MaTTHC is not a national procedure code the portal knows. */
  unknownProcedure: 12,
  /** TrangThaiHoSo / TrangThai is not a national status 1–10. */
  invalidStatus: 13,
  /** MaHoSo is not `{agency code}-{yyMMdd}-{4 digits}`. */
  invalidDossierCode: 14,
  /** Any other value out of its domain: not a string, an unknown code, a malformed ID number or amount. */
  invalidValue: 15,
  /** `data` or `isUpdating` is not what the service takes. */
  malformedData: 16,
  /** The dossier is refused, whatever it holds (the simulator was told to refuse it). */
  refusedDossier: 17,
  /** Body is not a JSON object; HTTP 400. */
  malformedBody: 400,
  /** Session unknown or expired; the client's signal to log in again. */
  sessionExpired: 401,
  /** Path is neither `/login` nor `/integration`; HTTP 404. */
  pathNotFound: 404,
  /** Method is not POST; HTTP 405. */
  methodNotAllowed: 405,
} as const;

/** A refusal: the portal's `error_code` and its Vietnamese message. */
export interface PortalRefusal {
  code: number;
  message: string;
}

/** The portal's answer to a refusal: HTTP 200, `{error_code, error_message}`. */
export function refusalReply({ code, message }: PortalRefusal): SimResponse {
  return errorReply(code, message);
}
