import { Banner } from "@/components/ui/banner";
import { secondaryButtonClass } from "@/components/ui/styles";

/**
 * A record of another of the operator's tenants, opened by URL: the page states that tenant and offers to
 * switch, and shows none of the record's data under the current tenant's header (header and data never
 * disagree). The switch returns to this record (`stay`).
 */
export function OtherTenantNotice({
  record,
  recordTenant,
  currentTenantName,
  returnTo,
  canOpenAfterSwitch,
  action,
}: {
  /** "restore run #1013", "backup set #7" */
  record: string;
  recordTenant: { id: number; name: string };
  currentTenantName: string | null;
  returnTo: string;
  /** False when the operator's role in that tenant may not open this kind of record. */
  canOpenAfterSwitch: boolean;
  action: (formData: FormData) => Promise<void>;
}) {
  return (
    <Banner id="other-tenant" title={`This ${record} belongs to ${recordTenant.name}`} tone="warning">
      <p>
        {currentTenantName ? (
          <>
            Your current tenant is <strong>{currentTenantName}</strong>, so this {record} is not shown under it.{" "}
          </>
        ) : null}
        Switch to <strong>{recordTenant.name}</strong> to open it; the header and the page then show the same tenant.
        {canOpenAfterSwitch ? null : " Your role in that tenant may not view restore history, so the switch lands on its dashboard."}
      </p>
      <form action={action} className="pt-2">
        <input type="hidden" name="tenantId" value={recordTenant.id} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="stay" value="1" />
        <button type="submit" className={secondaryButtonClass}>
          Switch to {recordTenant.name} and open this {record.split(" #")[0]}
        </button>
      </form>
    </Banner>
  );
}
