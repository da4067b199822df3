// Delays between attempts: exponential with jitter between a floor and a ceiling, and the
// server's Retry-After (RFC 9110 §10.2.3: seconds or an HTTP date) when it asks for longer.

export interface Backoff {
  minDelayMs: number;
  maxDelayMs: number;
}

/** The delay before attempt `attempt + 1`: doubling from the floor, jittered over its upper half. */
export function backoffDelay(
  attempt: number,
  { minDelayMs, maxDelayMs }: Backoff,
  random: () => number,
): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
  return Math.max(minDelayMs, Math.min(maxDelayMs, ceiling / 2 + random() * (ceiling / 2)));
}

/** Retry-After in milliseconds from now, or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
