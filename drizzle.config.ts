import { defineConfig } from "drizzle-kit";

// `generate` needs no database. Migrations are applied by `npm run db:migrate` (scripts/migrate.ts),
// one path for both the embedded database and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./db/schema.ts", "./db/integrations-schema.ts", "./db/projection-schema.ts"],
  out: "./db/migrations",
});
