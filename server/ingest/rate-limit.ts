/**
 * Per-key request rate (§12: 429 over a per-key rate): a token bucket per API key in this process, of
 * `perMinute` tokens refilled continuously. Several server processes each keep their own buckets, so the
 * fleet-wide limit is the per-process one times the number of processes (docs/decisions/0012-ingest-api-keys.md).
 */
export class KeyRateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** Takes a token; returns 0 when allowed, else the seconds to wait. */
  take(keyId: number, now = Date.now()): number {
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(keyId) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(keyId, b);
    if (this.buckets.size > 100_000) this.buckets.clear();
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
  }
}
