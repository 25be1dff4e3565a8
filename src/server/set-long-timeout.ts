/** The longest delay Node's timers keep: a longer one fires after 1 ms (TimeoutOverflowWarning). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs `run` once `delayMs` have passed, however long that is: a delay beyond Node's timer
 * range (about 24.8 days) is waited for in steps, never cut short. The timer does not keep
 * the process alive. `clear` cancels it.
 */
export function setLongTimeout(run: () => void, delayMs: number): { clear(): void } {
  const at = Date.now() + Math.max(0, delayMs);
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    const left = at - Date.now();
    timer = left > MAX_TIMER_MS ? setTimeout(arm, MAX_TIMER_MS) : setTimeout(run, Math.max(0, left));
    timer.unref();
  };
  arm();
  return { clear: () => clearTimeout(timer) };
}
