/** A value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object: what the store keeps for opaque records such as catalogue entries. */
export interface JsonObject {
  [key: string]: JsonValue;
}
