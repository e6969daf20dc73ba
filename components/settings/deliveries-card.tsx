import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import type { DeliveryView } from "@/db/queries/webhooks";

/** The latest deliveries of the tenant's endpoints, each with every attempt (status or error, duration). */
export function DeliveriesCard({ deliveries }: { deliveries: DeliveryView[] }) {
  return (
    <Card id="deliveries" title="Recent webhook deliveries">
      {deliveries.length === 0 ? (
        <p>No deliveries yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Recent webhook deliveries and their attempts</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1 pr-3">Event</th>
              <th scope="col" className="py-1 pr-3">Endpoint</th>
              <th scope="col" className="py-1 pr-3">Status</th>
              <th scope="col" className="py-1 pr-3">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} className="border-b border-slate-100 align-top">
                <td className="py-1 pr-3">
                  <code>{d.eventType}</code>
                  <div className="font-mono text-xs text-slate-600">{d.eventId}</div>
                </td>
                <td className="py-1 pr-3">{d.endpointId}</td>
                <td className="py-1 pr-3">
                  {d.status}
                  {d.status === "pending" ? (
                    <div className="text-xs text-slate-600">
                      next attempt <DateTime value={d.nextAttemptAt} />
                    </div>
                  ) : null}
                </td>
                <td className="py-1 pr-3">
                  {d.attempts.length === 0 ? (
                    "none yet"
                  ) : (
                    <ol className="space-y-0.5">
                      {d.attempts.map((a, i) => (
                        <li key={i}>
                          <DateTime value={a.attemptedAt} /> — {a.ok ? "delivered" : "failed"}
                          {a.responseStatus !== null ? ` (HTTP ${a.responseStatus})` : ""}
                          {a.error && a.responseStatus === null ? ` (${a.error})` : ""}, {a.durationMs} ms
                        </li>
                      ))}
                    </ol>
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
