import "server-only";
import type { ExportFormat } from "../export/stream";
import { InvalidParameterError } from "./respond";

/** `format=csv|json` (default csv); anything else, or a repeated value, is 400 invalid_parameter. */
export function exportFormat(request: Request): ExportFormat {
  const values = new URL(request.url).searchParams.getAll("format").filter((v) => v !== "");
  if (values.length === 0) return "csv";
  if (values.length === 1 && (values[0] === "csv" || values[0] === "json")) return values[0];
  throw new InvalidParameterError("format");
}
