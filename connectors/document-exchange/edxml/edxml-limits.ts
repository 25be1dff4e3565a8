/**
 * Bounds on what the parser accepts; the gateway config sets them per source. Every check
 * runs before or alongside one linear pass over the input, so no message can make the
 * parser hang or balloon.
 */
export interface EdxmlLimits {
  /**
   * Largest message in bytes (UTF-8), attachments included; larger is PAYLOAD_TOO_LARGE.
   * @default 52428800 (50 MiB)
   */
  maxBytes?: number;
  /**
   * Deepest element nesting; deeper is EDXML_INVALID. edXML itself needs 8 levels.
   * @default 64
   */
  maxDepth?: number;
  /**
   * Longest run of text (or single tag) outside attachment content, in characters; longer
   * is PAYLOAD_TOO_LARGE. Header values are short; this keeps a hostile 50 MB `Subject`
   * from going through the parser's per-character text path.
   * @default 1048576 (1 MiB)
   */
  maxTextLength?: number;
}

export type ResolvedEdxmlLimits = Required<EdxmlLimits>;

/** The limits with their defaults filled in; refuses values that are not positive integers. */
export function resolveEdxmlLimits({
  maxBytes = 50 * 1024 * 1024,
  maxDepth = 64,
  maxTextLength = 1024 * 1024,
}: EdxmlLimits = {}): ResolvedEdxmlLimits {
  for (const [name, value] of Object.entries({ maxBytes, maxDepth, maxTextLength })) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`EdxmlLimits.${name} must be a positive integer; got ${String(value)}`);
    }
  }
  return { maxBytes, maxDepth, maxTextLength };
}
