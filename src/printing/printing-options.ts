/** What printing needs from the configuration (`printing` section). */
export interface PrintingOptions {
  /** The national portal's procedure page, `{code}` replaced by the procedure code. */
  procedurePageUrl: string;
  /** The public address of this gateway, where `/tra-cuu/{code}` is served to citizens. */
  publicBaseUrl: string;
  /** The key of the per-dossier lookup secrets. */
  lookupKey: Buffer;
  /** The TrueType font with Vietnamese glyphs PDF sheets are set in, or null when there is none (PDF sheets are then refused); asked when a PDF is first made. */
  fontFile: () => string | null;
}
