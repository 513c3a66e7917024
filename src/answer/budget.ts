/**
 * An answer's time budget as an AbortSignal for the work under it. It aborts
 * with a `TimeoutError` when the budget runs out, which providers tell apart
 * from the caller going away (any other abort reason).
 */

/** A signal that aborts at `deadline` (epoch ms) or as soon as `caller` does. */
export interface BudgetSignal {
  signal: AbortSignal;
  /** Stops the timer and lets go of the caller's signal. */
  dispose(): void;
}

/** See `BudgetSignal`; a deadline already past aborts at once. */
export function budgetSignal(deadline: number, caller?: AbortSignal): BudgetSignal {
  const controller = new AbortController();
  const expire = (): void => {
    controller.abort(new DOMException('the time budget ran out', 'TimeoutError'));
  };
  const onCallerAbort = (): void => controller.abort(caller?.reason);
  const timer = setTimeout(expire, Math.max(0, deadline - Date.now()));
  caller?.addEventListener('abort', onCallerAbort, { once: true });
  if (caller?.aborted === true) onCallerAbort();
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}
