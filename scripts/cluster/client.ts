/** HTTP through the cluster's nginx (or straight to one app process) with a real session, for the suite and the bench. */
import { DEMO_PASSWORD } from "../../db/seed/demo-dataset";

export interface Answer {
  status: number;
  text: string;
  headers: Headers;
  /** Which app process answered (nginx's X-Upstream), when through nginx. */
  upstream: string | null;
  source: string | null;
  asOf: number | null;
  at: number;
}

export async function signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
    redirect: "manual",
  });
  await r.text();
  if (r.status !== 200) throw new Error(`sign-in as ${email} answered ${r.status}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!cookies.length) throw new Error("sign-in set no cookie");
  return cookies.join("; ");
}

export async function get(url: string, cookie?: string, init: RequestInit = {}): Promise<Answer> {
  const r = await fetch(url, { ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) }, redirect: "manual" });
  const text = await r.text();
  const pageAsOf = /data-as-of="([^"]+)"/.exec(text)?.[1] ?? null;
  const pageSource = /data-source="([^"]+)"/.exec(text)?.[1] ?? null;
  const asOfText = r.headers.get("x-data-as-of") ?? pageAsOf;
  return {
    status: r.status,
    text,
    headers: r.headers,
    upstream: r.headers.get("x-upstream"),
    source: r.headers.get("x-data-source") ?? pageSource,
    asOf: asOfText ? Date.parse(asOfText) : null,
    at: Date.now(),
  };
}

export async function ingest(base: string, key: string, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`${base}${path}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = { raw: text };
  }
  return { status: r.status, json };
}
