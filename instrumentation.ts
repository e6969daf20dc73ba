/** Runs once per server process before it serves: applies migrations (Node runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServer } = await import("./instrumentation-node");
    await prepareServer();
  }
}
