/** Bounded waits: every wait of the run has a deadline and says what it waited for when it passes. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let aborted = false;
/**
 * Ends every wait still running: a test that timed out leaves its wait behind, which would keep the
 * run alive until its own deadline.
 */
export function abortWaits(): void {
  aborted = true;
}

/**
 * Calls `probe` every `everyMs` until it returns a value other than undefined, or throws after
 * `timeoutMs` naming `what` and the last thing the probe reported (its error or `describe()`).
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 2000, describe?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (aborted) throw new Error(`stopped waiting for ${what}: the run is ending`);
    try {
      const v = await probe();
      if (v !== undefined) return v;
      last = describe ? describe() : '';
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      last = cause ? `${(err as Error).message} (${cause})` : (err as Error).message;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${last ? `; last: ${last}` : ''}`);
    await sleep(everyMs);
  }
}

/** GET a URL and return its body, failing on any status but 2xx; bounded by a timeout. */
export async function httpText(url: string, timeoutMs = 5000): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 200)}`);
  return body;
}

export async function httpJson<T>(url: string, timeoutMs = 5000): Promise<T> {
  return JSON.parse(await httpText(url, timeoutMs)) as T;
}
