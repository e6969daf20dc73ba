import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { secondaryButtonClass } from "@/components/ui/styles";
import { SecretForm, type SecretResult } from "./secret-form";

export interface EndpointRow {
  id: number;
  url: string;
  eventTypes: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

/** The tenant's webhook endpoints: register (the signing secret is shown once), list, revoke. */
export function WebhooksCard({
  tenantName,
  endpoints,
  eventTypes,
  create,
  revoke,
}: {
  tenantName: string;
  endpoints: EndpointRow[];
  eventTypes: readonly string[];
  create: (prev: SecretResult, form: FormData) => Promise<SecretResult>;
  revoke: (form: FormData) => Promise<void>;
}) {
  return (
    <Card id="webhooks" title="Webhook endpoints">
      <p>
        Change events of <strong>{tenantName}</strong> are sent to these URLs, signed per the Standard Webhooks
        specification, and retried with backoff for at least 24 hours. Events report changes in evidence; they
        never claim that a tenant is recoverable.
      </p>
      <SecretForm action={create} submitLabel="Add endpoint" secretLabel="Signing secret">
        <label className="block text-sm font-medium">
          Endpoint URL
          <input name="url" type="url" required placeholder="https://" className="mt-1 block w-full max-w-lg rounded border border-slate-400 px-2 py-1" />
        </label>
        <fieldset className="text-sm">
          <legend className="font-medium">Events (none chosen: all)</legend>
          {eventTypes.map((t) => (
            <label key={t} className="mr-4 inline-flex items-center gap-1">
              <input type="checkbox" name="events" value={t} /> <code>{t}</code>
            </label>
          ))}
        </fieldset>
      </SecretForm>
      {endpoints.length === 0 ? (
        <p>No webhook endpoints yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Webhook endpoints of {tenantName}</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1 pr-3">Id</th>
              <th scope="col" className="py-1 pr-3">URL</th>
              <th scope="col" className="py-1 pr-3">Events</th>
              <th scope="col" className="py-1 pr-3">Created</th>
              <th scope="col" className="py-1 pr-3">State</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => (
              <tr key={e.id} className="border-b border-slate-100">
                <td className="py-1 pr-3">{e.id}</td>
                <td className="py-1 pr-3 break-all">{e.url}</td>
                <td className="py-1 pr-3">{e.eventTypes.join(", ")}</td>
                <td className="py-1 pr-3"><DateTime value={e.createdAt} /></td>
                <td className="py-1 pr-3">
                  {e.revokedAt ? (
                    <>Revoked <DateTime value={e.revokedAt} /></>
                  ) : (
                    <form action={revoke}>
                      <input type="hidden" name="id" value={e.id} />
                      <button type="submit" className={secondaryButtonClass} aria-label={`Revoke webhook ${e.url}`}>
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
