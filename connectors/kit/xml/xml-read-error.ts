import type { ResolvedXmlLimits } from './xml-limits';

/**
 * What is wrong with a document readXml refused:
 * - `MALFORMED`: not well-formed XML (an unclosed or mismatched tag, text outside the root, …);
 * - `DTD`: a `<!DOCTYPE …>` or other markup declaration, refused outright (entity bombs, XXE);
 * - `REFERENCE`: an entity other than XML's five, or a character reference to a character
 *   XML does not allow (`&#0;`, a lone surrogate, beyond U+10FFFF);
 * - `NAMESPACE`: a prefix used without being declared;
 * - `ENCODING`: bytes that are not UTF-8, or a declared encoding other than UTF-8;
 * - `TOO_DEEP`: nesting beyond `maxDepth`;
 * - `TOO_LARGE`: beyond `maxBytes`, `maxLength` or `maxNodes` (`limit` says which).
 */
export type XmlProblem = 'MALFORMED' | 'DTD' | 'REFERENCE' | 'NAMESPACE' | 'ENCODING' | 'TOO_DEEP' | 'TOO_LARGE';

export interface XmlReadErrorDetails {
  /** 1-based line and column where reading stopped, when the problem has a place. */
  line?: number;
  column?: number;
  /** Local names from the root to the element being read, e.g. `Envelope/Body/Fault`. */
  path?: string;
  /** The limit exceeded and its configured value. */
  limit?: keyof ResolvedXmlLimits;
  limitValue?: number;
  /** The size that exceeded `maxBytes`, in bytes. */
  bytes?: number;
}

/**
 * Thrown by readXml. Not a catalogue error on purpose: what a refused document means
 * differs per source (an edXML message the gateway was handed is EDXML_INVALID, a vendor's
 * answer UPSTREAM_BAD_RESPONSE), so each connector turns it into its own catalogue error in
 * the one place it reads XML. The message says what is wrong and where, for any of them.
 */
export class XmlReadError extends Error {
  override name = 'XmlReadError';

  constructor(
    readonly problem: XmlProblem,
    message: string,
    readonly details: XmlReadErrorDetails = {},
  ) {
    super(message);
  }
}
