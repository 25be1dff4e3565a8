/**
 * Bounds on what the parser accepts; the gateway config sets them per source. All are
 * checked by the XML reader (connectors/kit/xml) as it reads, in one linear pass, so no
 * message can make parsing hang or balloon.
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
   * Most characters outside attachment content (header, manifest, all markup); more is
   * PAYLOAD_TOO_LARGE. A real header is a few kilobytes, `Content` perhaps a few hundred.
   * @default 2097152 (2 Mi characters)
   */
  maxMetadataLength?: number;
  /**
   * Most elements plus attributes (namespace declarations included); more is
   * PAYLOAD_TOO_LARGE. A real message has a few hundred.
   * @default 100000
   */
  maxNodes?: number;
}

export type ResolvedEdxmlLimits = Required<EdxmlLimits>;

/** The limits with their defaults filled in; throws a TypeError for a value that is not a positive integer. */
export function resolveEdxmlLimits({
  maxBytes = 50 * 1024 * 1024,
  maxDepth = 64,
  maxMetadataLength = 2 * 1024 * 1024,
  maxNodes = 100_000,
}: EdxmlLimits = {}): ResolvedEdxmlLimits {
  for (const [name, value] of Object.entries({ maxBytes, maxDepth, maxMetadataLength, maxNodes })) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`EdxmlLimits.${name} must be a positive integer; got ${String(value)}`);
    }
  }
  return { maxBytes, maxDepth, maxMetadataLength, maxNodes };
}
