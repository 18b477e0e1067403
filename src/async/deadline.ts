// The one deadline helper: wait for a promise, but no longer than a deadline. Like p-timeout with
// `message: false`, running out of time is an answer (the fallback), not an error, and the promise
// keeps running. The timer is cleared as soon as either side ends.

export interface DeadlineOptions {
  /**
   * Let the process exit while only this timer is pending (waits that must not hold a stopping
   * bot open). Off by default: a wait inside a shutdown should keep the process alive until done.
   */
  unref?: boolean;
}

/** The promise's value if it settles within `ms`, else `fallback`. A rejection passes through. */
export async function withDeadline<T, F = undefined>(
  promise: Promise<T>,
  ms: number,
  fallback?: F,
  options: DeadlineOptions = {},
): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback as F), ms);
    if (options.unref) timer.unref();
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when `work` settles (either way) within `ms`; false when the deadline came first. */
export function settlesWithin(
  work: Promise<unknown>,
  ms: number,
  options: DeadlineOptions = {},
): Promise<boolean> {
  const settled = work.then(
    () => true,
    () => true,
  );
  return withDeadline(settled, ms, false, options);
}
