import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { secondaryButtonClass } from "@/components/ui/styles";
import { SecretForm, type SecretResult } from "./secret-form";

export interface ApiKeyRow {
  id: number;
  name: string;
  start: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The tenant's ingest API keys: create (the key is shown once), list with last use, revoke. */
export function ApiKeysCard({
  tenantName,
  keys,
  create,
  revoke,
}: {
  tenantName: string;
  keys: ApiKeyRow[];
  create: (prev: SecretResult, form: FormData) => Promise<SecretResult>;
  revoke: (form: FormData) => Promise<void>;
}) {
  return (
    <Card id="api-keys" title="Ingest API keys">
      <p>
        A key lets backup tooling write backup sets, operation runs and restore runs of <strong>{tenantName}</strong> through
        the ingest API (permission: <em>ingest</em>, this tenant only). Only a hash of the key is stored.
      </p>
      <SecretForm action={create} submitLabel="Create API key" secretLabel="New API key">
        <label className="block text-sm font-medium">
          Key name
          <input name="name" required maxLength={100} className="mt-1 block w-full max-w-sm rounded border border-slate-400 px-2 py-1" />
        </label>
      </SecretForm>
      {keys.length === 0 ? (
        <p>No API keys yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">API keys of {tenantName}</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1 pr-3">Name</th>
              <th scope="col" className="py-1 pr-3">Key starts</th>
              <th scope="col" className="py-1 pr-3">Created</th>
              <th scope="col" className="py-1 pr-3">Last used</th>
              <th scope="col" className="py-1 pr-3">State</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-b border-slate-100">
                <td className="py-1 pr-3">{k.name}</td>
                <td className="py-1 pr-3 font-mono text-xs">{k.start}…</td>
                <td className="py-1 pr-3"><DateTime value={k.createdAt} /></td>
                <td className="py-1 pr-3"><DateTime value={k.lastUsedAt} fallback="Never" /></td>
                <td className="py-1 pr-3">
                  {k.revokedAt ? (
                    <>Revoked <DateTime value={k.revokedAt} /></>
                  ) : (
                    <form action={revoke}>
                      <input type="hidden" name="id" value={k.id} />
                      <button type="submit" className={secondaryButtonClass} aria-label={`Revoke API key ${k.name}`}>
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
