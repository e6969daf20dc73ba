/**
 * §13: webhook URLs are http(s) only, and loopback, private, link-local and other non-public addresses are
 * refused (a webhook must not become a way to reach the server's own network) unless
 * WEBHOOK_ALLOW_PRIVATE_TARGETS=1. Checked when an endpoint is created and again before every delivery,
 * on the addresses the name resolves to then (a name can be re-pointed).
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32], ["64:ff9b::", 96],
] as const) blocked.addSubnet(net, prefix, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? blocked.check(mapped[1]!, "ipv4") : blocked.check(address, "ipv6");
  }
  return true;
}

export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookTargetError";
  }
}

/** Parses and checks a URL; throws WebhookTargetError with an operator-facing reason. */
export async function checkWebhookTarget(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError("The URL is not a valid absolute URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new WebhookTargetError("Only http and https URLs are accepted.");
  if (url.username || url.password) throw new WebhookTargetError("The URL must not carry a user name or password.");
  if (raw.length > 2000) throw new WebhookTargetError("The URL is too long.");
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    if (/^localhost$|\.localhost$/i.test(host)) throw new WebhookTargetError("Loopback and private addresses are refused.");
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new WebhookTargetError(`The host ${host} does not resolve.`);
    }
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw new WebhookTargetError("Loopback and private addresses are refused (set WEBHOOK_ALLOW_PRIVATE_TARGETS=1 to allow them).");
  }
  return url;
}
