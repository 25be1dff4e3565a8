/**
 * Bounds on what readXml accepts, each checked while reading, so no document can make
 * reading hang or balloon. A source sets its own: an edXML message is a few hundred nodes
 * around large base64 attachments, a SOAP listing page thousands of small elements.
 */
export interface XmlLimits {
  /**
   * Largest document in bytes (UTF-8).
   * @default 52428800 (50 MiB)
   */
  maxBytes?: number;
  /**
   * Deepest element nesting.
   * @default 64
   */
  maxDepth?: number;
  /**
   * Most characters outside bulk content (see ReadXmlOptions.bulkTextElements): all
   * markup and all other text.
   * @default 16777216 (16 Mi characters)
   */
  maxLength?: number;
  /**
   * Most elements plus attributes. Each costs an object in memory, so this bounds the
   * tree a document can make the gateway build.
   * @default 500000
   */
  maxNodes?: number;
}

export type ResolvedXmlLimits = Required<XmlLimits>;

/** The limits with their defaults filled in; throws a TypeError for a value that is not a positive integer. */
export function resolveXmlLimits({
  maxBytes = 50 * 1024 * 1024,
  maxDepth = 64,
  maxLength = 16 * 1024 * 1024,
  maxNodes = 500_000,
}: XmlLimits = {}): ResolvedXmlLimits {
  for (const [name, value] of Object.entries({ maxBytes, maxDepth, maxLength, maxNodes })) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`XmlLimits.${name} must be a positive integer; got ${String(value)}`);
    }
  }
  return { maxBytes, maxDepth, maxLength, maxNodes };
}
