/** A GraphQL name (spec §2.1.9), kept short, not in the `__` namespace the spec reserves. */
const NAME = /^(?!__)[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The `operation` label of a request's metrics, with the number of distinct values
 * bounded: operation names are chosen by clients, and every new label value is a new time
 * series held in memory for the life of the process, so a client sending random names
 * must not grow it without end. The first `limit` names seen get their own value; later
 * ones are `__other`; a request without a name is `__anonymous`; one whose name is not a
 * usable GraphQL name (a document that did not parse, a reserved `__` name) `__invalid`.
 * The three are in the `__` namespace, so no operation's own name can be one of them.
 */
export function createOperationLabel(limit = 200): (name: string | null | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    if (name === null || name === undefined || name === '') return '__anonymous';
    if (!NAME.test(name)) return '__invalid';
    if (seen.has(name)) return name;
    if (seen.size >= limit) return '__other';
    seen.add(name);
    return name;
  };
}
