/** Exit statuses of every `lienthong` command. */
export const EXIT = {
  /** Done; or a gateway stopped gracefully. */
  ok: 0,
  /** The work failed: a start-up or run failure, a broken audit chain, a province or push that failed. */
  failed: 1,
  /** Nothing was done: a usage error, an invalid configuration, a store that cannot be opened. */
  usage: 2,
} as const;
