import { env } from "./env";

/** The app's origin and, for loopback, its twin (auth libraries treat localhost and 127.0.0.1 as different). */
export function twinOrigins(appUrl: string): string[] {
  const u = new URL(appUrl);
  const origins = [u.origin];
  if (u.hostname === "127.0.0.1") origins.push(`${u.protocol}//localhost${u.port ? `:${u.port}` : ""}`);
  if (u.hostname === "localhost") origins.push(`${u.protocol}//127.0.0.1${u.port ? `:${u.port}` : ""}`);
  return origins;
}

/** Origins whose pages may post to the app (server actions, sign-in). */
export function allowedOrigins(appUrl: string = env.APP_URL): string[] {
  return twinOrigins(appUrl);
}
