using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerSecurity.Connections;
using PartnerSecurity.Customers;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Mfa;
using PartnerSecurity.SecurityDefaults;
using PartnerSecurity.SignIns;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Reliability;

/// <summary>
/// What every read cmdlet reads, through the core, as comparable records: the customer list, and in the partner tenant
/// and every customer tenant the MFA verdicts (with the warnings beside them), security defaults and the sign-ins of the
/// retention window. An operation that fails in a tenant is a record too ("error", tenant, operation, error id), so an
/// expected refusal (no GDAP, no premium licence) must be the same refusal under faults.
/// </summary>
public static class ReadSuite
{
    private static readonly JsonSerializerOptions s_json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Every record, in the order read; <paramref name="skipTenant"/> leaves a tenant out (one that is meant to fail).</summary>
    public static async Task<List<string>> ReadAsync(PartnerConnection connection, CancellationToken cancellationToken, Func<TenantTarget, bool>? skipTenant = null)
    {
        var records = new List<string>();
        var customers = await PartnerCustomerReader.ListAsync(connection, cancellationToken).ConfigureAwait(false);
        records.AddRange(customers.Customers.Select(c => "customer " + JsonSerializer.Serialize(c, s_json)));
        records.AddRange(customers.Warnings.Select(w => "customer-warning " + w));

        var tenants = new List<TenantTarget> { TenantScope.Home(connection) };
        tenants.AddRange(await TenantScope.ResolveAsync(connection, null, allCustomers: true, cancellationToken).ConfigureAwait(false));
        await foreach (var e in TenantFanOut.RunAsync(connection, tenants, (tenant, activity, ct) => ReadTenantAsync(connection, tenant, ct), 4, cancellationToken).ConfigureAwait(false))
        {
            if (e.Kind == TenantEventKind.Completed) records.AddRange(e.Result);
            else if (e.Kind == TenantEventKind.Failed) records.Add($"tenant-error {e.Tenant.Id} {e.Error!.ErrorId}");
        }
        return records;
    }

    private static async Task<List<string>> ReadTenantAsync(PartnerConnection connection, TenantTarget tenant, CancellationToken cancellationToken)
    {
        var records = new List<string>();
        await Operation(records, tenant, "mfa", async () =>
        {
            var result = await MfaPostureReader.GetAsync(connection, tenant, new MfaReadOptions(), null, cancellationToken).ConfigureAwait(false);
            records.AddRange(result.Verdicts.Select(v => "verdict " + JsonSerializer.Serialize(v, s_json)));
            records.AddRange(result.Warnings.Select(w => "mfa-warning " + w));
        }).ConfigureAwait(false);
        await Operation(records, tenant, "security-defaults", async () =>
            records.Add("security-defaults " + JsonSerializer.Serialize(await SecurityDefaultsReader.GetAsync(connection, tenant, cancellationToken).ConfigureAwait(false), s_json))).ConfigureAwait(false);
        await Operation(records, tenant, "sign-ins", async () =>
        {
            var query = SignInQuery.Window(connection.Now, connection.Now - SignInQuery.Retention, null, SignInQuery.Retention);
            query.IncludeNonInteractive = true;
            await foreach (var signIn in SignInReader.ReadAsync(connection, tenant, query, null, cancellationToken).ConfigureAwait(false))
                records.Add("sign-in " + JsonSerializer.Serialize(signIn, s_json));
        }).ConfigureAwait(false);
        return records;
    }

    private static async Task Operation(List<string> records, TenantTarget tenant, string name, Func<Task> read)
    {
        var count = records.Count;
        try
        {
            await read().ConfigureAwait(false);
        }
        catch (PartnerSecurityException ex)
        {
            // Nothing half-read is kept: the operation's records are dropped and its error recorded instead.
            records.RemoveRange(count, records.Count - count);
            records.Add($"error {tenant.Id} {name} {ex.ErrorId}");
        }
    }
}
