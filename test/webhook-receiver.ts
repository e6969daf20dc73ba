/**
 * A real local HTTP receiver for webhook tests: verifies every request's Standard Webhooks signature with
 * the library the spec names, and records what arrived. `mode` decides the answer: `ok` (204), `fail`
 * (503), `hang` (never answers: the sender is mid-delivery).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  webhookId: string;
  verified: boolean;
  /** The status this receiver answered, or null when it left the request hanging. */
  answered: number | null;
  body: any;
  at: number;
}

export class WebhookReceiver {
  received: Received[] = [];
  mode: "ok" | "fail" | "hang" = "ok";
  secret = "";
  private server: http.Server | null = null;
  private waiters: Array<() => void> = [];
  port = 0;

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        let verified = false;
        try {
          new Webhook(this.secret).verify(text, headers);
          verified = true;
        } catch {
          verified = false;
        }
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          /* recorded as null */
        }
        const answered = this.mode === "hang" ? null : this.mode === "ok" ? 204 : 503;
        this.received.push({ webhookId: headers["webhook-id"] ?? "", verified, answered, body, at: Date.now() });
        for (const w of this.waiters.splice(0)) w();
        if (answered !== null) res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Stops listening (connections are refused until `start` again on the same port). */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Distinct webhook ids received with a valid signature and answered with success. */
  ids(): Set<string> {
    return new Set(this.received.filter((r) => r.verified && r.answered === 204).map((r) => r.webhookId));
  }

  /** Resolves when `done()` holds, re-checked on every request; rejects after `ms`. */
  async until(done: () => boolean, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`receiver: condition not met within ${ms} ms (received ${this.received.length})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}
