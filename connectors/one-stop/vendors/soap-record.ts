import { isXsiNil, type XmlElement } from '../../kit';

/**
 * An element of a SOAP result as the record the portal mappers read (mapPortalDossier,
 * mapPortalStep): each child in the service's namespaces under its local name; a child
 * with element children of its own is a nested record, any other its text (not trimmed:
 * readText does that), a child marked `xsi:nil` null; a name that repeats becomes a list.
 * Elements of other namespaces are not part of the record. The record has no prototype,
 * so an element called `__proto__` is just a key.
 */
export function soapRecord(element: XmlElement, namespaces: ReadonlySet<string | undefined>): Record<string, unknown> {
  const record = Object.create(null) as Record<string, unknown>;
  for (const child of element.children) {
    if (!namespaces.has(child.namespace)) continue;
    const value = isXsiNil(child) ? null : child.children.some((c) => namespaces.has(c.namespace)) ? soapRecord(child, namespaces) : child.text;
    if (!(child.local in record)) record[child.local] = value;
    else if (Array.isArray(record[child.local])) (record[child.local] as unknown[]).push(value);
    else record[child.local] = [record[child.local], value];
  }
  return record;
}

/**
 * The items of a list element (`DanhSachHoSo`, `QuaTrinhXuLy`, `TaiLieuNop`): its children
 * in the service's namespaces, whatever each is called, one or many — never a lone record
 * mistaken for the list. An absent, empty or nil list has none.
 */
export function soapItems(list: XmlElement | undefined, namespaces: ReadonlySet<string | undefined>): Array<Record<string, unknown>> {
  if (!list || isXsiNil(list)) return [];
  return list.children.filter((child) => namespaces.has(child.namespace) && !isXsiNil(child)).map((child) => soapRecord(child, namespaces));
}
