import { edxmlInvalid } from './edxml-invalid';
import { EDXML_NAMESPACE } from './namespaces';
import { parseEdxmlDate } from './parse-edxml-date';
import { parseEdxmlTimestamp } from './parse-edxml-timestamp';
import { readAttribute, type XmlElement } from '../../kit/xml';

/** Namespaces whose elements count as edXML: the edXML namespace, or none at all. */
const EDXML_NAMESPACES: ReadonlySet<string | undefined> = new Set([EDXML_NAMESPACE, undefined]);

/**
 * Reads values out of one element the way edXML needs: children matched by local name in
 * the given namespaces (never by prefix), text trimmed of tabs and line breaks but not of
 * its inner spaces, empty text as undefined, numbers, booleans, dates and timestamps
 * converted, and every failure an EDXML_INVALID naming the element path. Several names
 * may be given for one element, for spellings that differ between SDKs
 * (`Bussiness`/`Business`).
 */
export class ElementReader {
  private constructor(
    readonly element: XmlElement,
    readonly path: string,
    private readonly namespaces: ReadonlySet<string | undefined>,
  ) {}

  /** A reader for an edXML element (edXML namespace or none), its path starting at itself. */
  static edxml(element: XmlElement, path = element.local): ElementReader {
    return new ElementReader(element, path, EDXML_NAMESPACES);
  }

  /** A reader for the same element whose children are matched in other namespaces. */
  static inNamespaces(element: XmlElement, path: string, namespaces: Iterable<string | undefined>): ElementReader {
    return new ElementReader(element, path, new Set(namespaces));
  }

  /** Whether this element is one of `names` in this reader's namespaces. */
  is(...names: string[]): boolean {
    return names.includes(this.element.local) && this.namespaces.has(this.element.namespace);
  }

  child(...names: string[]): ElementReader | undefined {
    const found = this.element.children.find((child) => this.matches(child, names));
    return found && new ElementReader(found, `${this.path}/${found.local}`, this.namespaces);
  }

  children(...names: string[]): ElementReader[] {
    return this.element.children
      .filter((child) => this.matches(child, names))
      .map((child, index) => new ElementReader(child, `${this.path}/${child.local}[${index + 1}]`, this.namespaces));
  }

  requireChild(...names: string[]): ElementReader {
    const found = this.child(...names);
    if (!found) throw this.missing(names);
    return found;
  }

  /** This element's own text, trimmed; undefined when empty. */
  ownText(): string | undefined {
    const text = this.element.text.trim();
    return text === '' ? undefined : text;
  }

  /** A child's text, trimmed; undefined when the child is absent or empty. */
  text(...names: string[]): string | undefined {
    return this.child(...names)?.ownText();
  }

  requireText(...names: string[]): string {
    const text = this.text(...names);
    if (text === undefined) throw this.missing(names);
    return text;
  }

  /** The non-empty texts of every child named so (`ToPlaces/Place*`, `Appendixes/Appendix*`). */
  texts(...names: string[]): string[] {
    return this.children(...names).flatMap((child) => child.ownText() ?? []);
  }

  integer(...names: string[]): number | undefined {
    return this.convert(names, 'an integer', (text) => (/^[+-]?\d{1,15}$/.test(text) ? Number(text) : undefined));
  }

  /** `true`/`false` as the standard writes them; `1`/`0` too. */
  boolean(...names: string[]): boolean | undefined {
    return this.convert(names, 'true or false', (text) => {
      const value = text.toLowerCase();
      return value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : undefined;
    });
  }

  /** A date as ISO `yyyy-MM-dd` (see parseEdxmlDate). */
  date(...names: string[]): string | undefined {
    return this.convert(names, 'a date (yyyy/MM/dd)', parseEdxmlDate);
  }

  /** A timestamp as ISO with +07:00 (see parseEdxmlTimestamp). */
  timestamp(...names: string[]): string | undefined {
    return this.convert(names, 'a timestamp (yyyy/MM/dd HH:mm:ss)', parseEdxmlTimestamp);
  }

  requireTimestamp(...names: string[]): string {
    const value = this.timestamp(...names);
    if (value === undefined) throw this.missing(names);
    return value;
  }

  attribute(name: string): string | undefined {
    const value = readAttribute(this.element, name)?.trim();
    return value === '' ? undefined : value;
  }

  /** An EDXML_INVALID for a value this element holds that is not what it must be. */
  invalid(message: string): Error {
    return edxmlInvalid(`edXML ${this.path} ${message}`, { path: this.path });
  }

  private convert<T>(names: string[], expected: string, parse: (text: string) => T | undefined): T | undefined {
    const child = this.child(...names);
    const text = child?.ownText();
    if (child === undefined || text === undefined) return undefined;
    const value = parse(text);
    if (value === undefined) throw child.invalid(`must be ${expected}; got ${JSON.stringify(text.slice(0, 60))}`);
    return value;
  }

  private missing(names: string[]): Error {
    const path = `${this.path}/${names[0] ?? ''}`;
    return edxmlInvalid(`edXML message lacks a required element: ${path}`, { path });
  }

  private matches(element: XmlElement, names: string[]): boolean {
    return names.includes(element.local) && this.namespaces.has(element.namespace);
  }
}
