/**
 * The OpenAPI 3.1 document of /api/v1 (served at /api/v1/openapi.json). app/api/v1/openapi.test.ts checks
 * that its paths and methods are exactly the route handlers under app/api/v1.
 */
const id = { type: "integer", minimum: 1, maximum: 2147483647 };
const time = { type: ["string", "null"], format: "date-time" };
const json = {};

const error = {
  description: "Error in the §8 shape",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: { type: "string" },
              message: { type: "string" },
              array: { type: ["string", "null"] },
              index: { type: ["integer", "null"] },
              field: { type: ["string", "null"] },
            },
          },
        },
      },
    },
  },
};

const errors = {
  "400": { ...error, description: "Malformed id or JSON, or an invalid record (array, index and field named); nothing written" },
  "401": { ...error, description: "No key, an unknown key or a revoked key" },
  "404": { ...error, description: "A tenant this key is not for (it does not exist for the key)" },
  "409": { ...error, description: "An id (or a reference) that belongs to another tenant; nothing written" },
  "413": { ...error, description: "Body over 5 MB" },
  "429": { ...error, description: "Over the per-key request rate (see Retry-After)" },
  "503": { ...error, description: "The database is unavailable; nothing is claimed" },
};

const schemas = {
  BackupSet: {
    type: "object",
    required: ["name", "status"],
    properties: {
      id, tenant_id: id, name: { type: "string" }, status: { type: "string" },
      item_count: { type: "integer", minimum: 0 }, failed_item_count: { type: "integer", minimum: 0 },
      started_at: time, completed_at: time, created_at: { type: "string", format: "date-time" },
    },
  },
  OperationRun: {
    type: "object",
    required: ["type", "status", "outcome"],
    properties: { id, tenant_id: id, type: { type: "string" }, status: { type: "string" }, outcome: { type: "string" }, started_at: time, completed_at: time },
  },
  RestoreRun: {
    type: "object",
    required: ["status", "is_dry_run", "created_at"],
    properties: {
      id, tenant_id: id, backup_set_id: { ...id, type: ["integer", "null"] }, operation_run_id: { ...id, type: ["integer", "null"] },
      status: { type: "string", description: "Any string: unrecognized statuses are stored and weaken attention (§3)" },
      is_dry_run: { type: "boolean" }, results: json, metadata: json,
      created_at: { type: "string", format: "date-time" }, completed_at: time, archived_at: time,
    },
  },
  WriteResponse: {
    type: "object",
    required: ["record", "attention", "evidence", "backupHealth", "changed", "warnings"],
    properties: {
      record: { type: "object", description: "The stored record (§8 format)" },
      attention: { type: ["object", "null"], description: "§3 RestoreResultAttention (restore runs; null otherwise)" },
      evidence: { type: "object", description: "§4 recovery evidence summary of the tenant after the write" },
      backupHealth: { type: "object", description: "§2 backup health assessment after the write" },
      changed: { type: "boolean", description: "False when the write repeated what was stored (no event)" },
      warnings: { type: "array", items: { type: "string" } },
    },
  },
  BatchResponse: {
    type: "object",
    required: ["records", "evidence", "backupHealth", "written", "warnings"],
    properties: {
      records: { type: "object", description: "Stored backup_sets, operation_runs and restore_runs (each run with its attention)" },
      evidence: { type: "object" }, backupHealth: { type: "object" },
      written: { type: "integer", description: "Rows created or replaced (0 for a repeat)" },
      warnings: { type: "array", items: { type: "string" } },
    },
  },
};

function put(kind: string, schema: keyof typeof schemas, summary: string) {
  return {
    put: {
      operationId: `put_${kind}`,
      summary,
      security: [{ ingestKey: [] }],
      parameters: [
        { name: "tenantId", in: "path", required: true, schema: id },
        { name: "id", in: "path", required: true, schema: id },
      ],
      requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } } },
      responses: { "200": { description: "Stored", content: { "application/json": { schema: { $ref: "#/components/schemas/WriteResponse" } } } }, ...errors },
    },
  };
}

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Recovery Posture ingest API",
    version: "1",
    description:
      "Backup tooling writes evidence as it happens (spec §12). Records use the dataset import format (§8). " +
      "A write answers with the tenant's evidence summary after it; the summary never claims recoverability.",
  },
  components: {
    securitySchemes: { ingestKey: { type: "http", scheme: "bearer", description: "An ingest API key (rpk_…) for one tenant" } },
    schemas,
  },
  paths: {
    "/api/v1/tenants/{tenantId}/backup-sets/{id}": put("backup_set", "BackupSet", "Create or replace a backup set"),
    "/api/v1/tenants/{tenantId}/operation-runs/{id}": put("operation_run", "OperationRun", "Create or replace an operation run"),
    "/api/v1/tenants/{tenantId}/restore-runs/{id}": put("restore_run", "RestoreRun", "Create or replace a restore run"),
    "/api/v1/tenants/{tenantId}/batch": {
      post: {
        operationId: "post_batch",
        summary: "Up to 1,000 records, all or nothing",
        security: [{ ingestKey: [] }],
        parameters: [{ name: "tenantId", in: "path", required: true, schema: id }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                properties: {
                  backup_sets: { type: "array", items: { $ref: "#/components/schemas/BackupSet" } },
                  operation_runs: { type: "array", items: { $ref: "#/components/schemas/OperationRun" } },
                  restore_runs: { type: "array", items: { $ref: "#/components/schemas/RestoreRun" } },
                },
              },
            },
          },
        },
        responses: { "200": { description: "All stored", content: { "application/json": { schema: { $ref: "#/components/schemas/BatchResponse" } } } }, ...errors },
      },
    },
    "/api/v1/openapi.json": {
      get: { operationId: "get_openapi", summary: "This document", responses: { "200": { description: "OpenAPI 3.1 document" } } },
    },
  },
} as const;
