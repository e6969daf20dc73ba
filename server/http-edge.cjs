/**
 * The HTTP edge: runs in the server process before Next.js sees a request (loaded with `--require` by
 * every launcher through package.json `config.serverNodeOptions`, and installed by instrumentation as a
 * fallback). Two jobs that Next.js leaves to the server, decisions in docs/decisions/0014-http-edge.md:
 *
 * 1. The client address. Next.js keeps a client-sent `X-Forwarded-For` and only fills it in when absent,
 *    so a forged header would give every request a fresh address (and a fresh sign-in budget). Here the
 *    header is replaced by the one address the server trusts: the socket's peer, or — only when
 *    `TRUST_PROXY` lists the peer as a proxy — the nearest untrusted hop of the forwarded chain.
 * 2. A page whose render failed because the database is unreachable answers 503, not 500: a request
 *    context records that a database failure happened while serving it, and a 500 status becomes 503.
 *    Any other 500 stays a 500 (it is a bug and the probe suite must see it).
 *
 * Plain CommonJS with no dependencies, so it loads before anything else and needs no build.
 */
"use strict";
const http = require("node:http");
const net = require("node:net");
const { AsyncLocalStorage } = require("node:async_hooks");

const INSTALLED = Symbol.for("recovery-posture.http-edge");
const CONTEXT = Symbol.for("recovery-posture.request-context");
const LOOPBACK = ["127.0.0.0/8", "::1/128"];

/** Strips the IPv4-mapped IPv6 prefix and a zone id: "::ffff:10.0.0.1" → "10.0.0.1". */
function normalizeAddress(address) {
  if (typeof address !== "string") return null;
  let a = address.trim();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]"));
  const zone = a.indexOf("%");
  if (zone > 0) a = a.slice(0, zone);
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a)) a = a.slice(7);
  return net.isIP(a) ? a.toLowerCase() : null;
}

/**
 * TRUST_PROXY: unset, "", "0", "false" → no proxy is trusted and X-Forwarded-For is ignored;
 * "1", "true", "loopback" → proxies on the loopback interface; otherwise a comma-separated list of
 * addresses and CIDR ranges of the proxies in front of the server.
 */
function parseTrustProxy(value) {
  const v = String(value ?? "").trim().toLowerCase();
  if (!v || v === "0" || v === "false" || v === "no") return null;
  const entries = v === "1" || v === "true" || v === "yes" || v === "loopback" ? LOOPBACK : v.split(",").map((s) => s.trim()).filter(Boolean);
  const list = new net.BlockList();
  for (const entry of entries) {
    const [addr, prefix] = entry.split("/");
    const ip = normalizeAddress(addr);
    if (!ip) throw new Error(`TRUST_PROXY: "${entry}" is not an address or CIDR range`);
    const family = net.isIPv6(ip) ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(ip, family);
    else list.addSubnet(ip, Number(prefix), family);
  }
  return list;
}

function isTrusted(list, address) {
  return list !== null && address !== null && list.check(address, net.isIPv6(address) ? "ipv6" : "ipv4");
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy; then the forwarded chain is
 * walked from the right (the hop the proxy itself appended) past trusted proxies to the first other hop.
 */
function resolveClientAddress(socketAddress, forwardedFor, trusted) {
  const peer = normalizeAddress(socketAddress);
  if (!isTrusted(trusted, peer)) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const hops = String(header ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) return client; // a malformed hop: stop at the last address we could trust
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client;
}

/** Marks the current request as having met an unreachable database (called by DatabaseUnavailableError). */
function markDatabaseUnavailable() {
  const store = globalThis[CONTEXT]?.getStore();
  if (store) store.databaseUnavailable = true;
}

function install(env = process.env) {
  if (globalThis[INSTALLED]) return false;
  globalThis[INSTALLED] = true;
  const trusted = parseTrustProxy(env.TRUST_PROXY);
  const context = new AsyncLocalStorage();
  globalThis[CONTEXT] = context;

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(event, req, res) {
    if (event !== "request" || !req || !req.headers) return emit.apply(this, arguments);
    const client = resolveClientAddress(req.socket && req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
    // Exactly one value, which the auth library's single-value rule accepts; other client-address
    // headers are removed so nothing downstream can read a forged one.
    if (client) req.headers["x-forwarded-for"] = client;
    else delete req.headers["x-forwarded-for"];
    delete req.headers["x-real-ip"];
    delete req.headers["forwarded"];
    const store = { databaseUnavailable: false };
    if (res) res[CONTEXT] = store;
    return context.run(store, () => emit.apply(this, arguments));
  };

  const writeHead = http.ServerResponse.prototype.writeHead;
  http.ServerResponse.prototype.writeHead = function patchedWriteHead(statusCode, ...rest) {
    if (statusCode === 500 && this[CONTEXT] && this[CONTEXT].databaseUnavailable) {
      statusCode = 503;
      this.statusCode = 503;
      this.statusMessage = "Service Unavailable";
      if (typeof rest[0] === "string") rest[0] = "Service Unavailable";
    }
    return writeHead.call(this, statusCode, ...rest);
  };
  return true;
}

module.exports = { install, resolveClientAddress, parseTrustProxy, normalizeAddress, markDatabaseUnavailable };
