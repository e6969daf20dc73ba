import { toNextJsHandler } from "better-auth/next-js";
import { handleAuthRequest } from "@/server/auth/route-handler";

export const { GET, POST } = toNextJsHandler(handleAuthRequest);
