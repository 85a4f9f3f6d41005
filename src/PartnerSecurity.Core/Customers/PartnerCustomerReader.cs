using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Connections;
using PartnerSecurity.Graph;
using PartnerSecurity.PartnerCenter;

namespace PartnerSecurity.Customers
{
    /// <summary>The customers and what could not be read about them (one warning each, never a silent gap).</summary>
    public sealed class PartnerCustomerList
    {
        public PartnerCustomerList(IReadOnlyList<PartnerCustomer> customers, IReadOnlyList<string> warnings)
        {
            Customers = customers;
            Warnings = warnings;
        }

        public IReadOnlyList<PartnerCustomer> Customers { get; }
        public IReadOnlyList<string> Warnings { get; }
    }

    /// <summary>
    /// Lists customers from Partner Center (GET /v1/customers to the last continuation token) and joins
    /// them with the GDAP relationships Graph lists in the partner tenant
    /// (tenantRelationships/delegatedAdminRelationships), reading both at once.
    /// </summary>
    public static class PartnerCustomerReader
    {
        public static async Task<PartnerCustomerList> ListAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            var warnings = new List<string>();
            var customersTask = ReadCustomersAsync(connection, cancellationToken);
            var relationshipsTask = ReadRelationshipsAsync(connection, cancellationToken);
            var rolesTask = ReadRoleNamesAsync(connection, cancellationToken);
            var customers = await customersTask.ConfigureAwait(false);
            IReadOnlyList<DelegatedAdminRelationship>? relationships = null;
            try
            {
                relationships = await relationshipsTask.ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                var error = GraphErrors.Translate(ex, connection.HomeTenantId, "Reading GDAP relationships");
                warnings.Add($"{error.Message} GdapStatus and GdapRoles are empty. {error.RecommendedAction ?? "It needs DelegatedAdminRelationship.Read.All (delegated)."}".Trim());
            }
            IReadOnlyDictionary<string, string> roleNames;
            try
            {
                roleNames = await rolesTask.ConfigureAwait(false);
            }
            catch (ApiException)
            {
                roleNames = new Dictionary<string, string>();
            }

            var byTenant = (relationships ?? Array.Empty<DelegatedAdminRelationship>())
                .Where(r => r.Customer?.TenantId != null)
                .GroupBy(r => r.Customer!.TenantId!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);

            var result = new List<PartnerCustomer>();
            foreach (var customer in customers)
            {
                var item = new PartnerCustomer
                {
                    CustomerId = customer.Id,
                    TenantId = customer.TenantId,
                    CompanyName = customer.CompanyName,
                    Domain = customer.Domain,
                    RelationshipType = customer.RelationshipToPartner,
                };
                if (relationships != null) Join(item, byTenant.TryGetValue(customer.TenantId, out var list) ? list : new List<DelegatedAdminRelationship>(), roleNames);
                result.Add(item);
            }
            result.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.CompanyName, b.CompanyName));
            return new PartnerCustomerList(result, warnings);
        }

        /// <summary>Fills the GDAP fields from the customer's relationships (pure).</summary>
        public static void Join(PartnerCustomer customer, IReadOnlyList<DelegatedAdminRelationship> relationships, IReadOnlyDictionary<string, string> roleNames)
        {
            var active = relationships.Where(r => r.Status == DelegatedAdminRelationshipStatus.Active).ToList();
            if (active.Count > 0)
            {
                customer.GdapStatus = "active";
                customer.GdapEndDateTime = active.Max(r => r.EndDateTime);
                customer.GdapRelationships = active.Select(r => r.DisplayName ?? r.Id ?? string.Empty).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
                customer.GdapRoles = active
                    .SelectMany(r => r.AccessDetails?.UnifiedRoles ?? new List<UnifiedRole>())
                    .Select(r => r.RoleDefinitionId)
                    .Where(id => !string.IsNullOrEmpty(id))
                    .Select(id => roleNames.TryGetValue(id!, out var name) ? name : id!)
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                    .ToArray();
                return;
            }
            var latest = relationships.OrderByDescending(r => r.EndDateTime ?? r.LastModifiedDateTime ?? DateTimeOffset.MinValue).FirstOrDefault();
            customer.GdapStatus = latest == null ? "none" : StatusText(latest.Status);
            customer.GdapEndDateTime = latest?.EndDateTime;
        }

        private static string StatusText(DelegatedAdminRelationshipStatus? status)
        {
            if (status == null) return "unknown";
            var name = status.Value.ToString();
            return char.ToLowerInvariant(name[0]) + name.Substring(1);
        }

        private static async Task<List<PartnerCenterCustomer>> ReadCustomersAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            var list = new List<PartnerCenterCustomer>();
            await foreach (var customer in new PartnerCenterClient(connection).GetCustomersAsync(cancellationToken).ConfigureAwait(false))
                list.Add(customer);
            return list;
        }

        private static async Task<IReadOnlyList<DelegatedAdminRelationship>> ReadRelationshipsAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            var graph = connection.Graph(connection.HomeTenantId);
            var list = new List<DelegatedAdminRelationship>();
            await foreach (var relationship in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading GDAP relationships", connection.HomeTenantId),
                ct => graph.TenantRelationships.DelegatedAdminRelationships.GetAsync(r => r.QueryParameters.Top = 300, ct),
                DelegatedAdminRelationshipCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
            {
                list.Add(relationship);
            }
            return list;
        }

        private static async Task<IReadOnlyDictionary<string, string>> ReadRoleNamesAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            var graph = connection.Graph(connection.HomeTenantId);
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var role in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading directory role names", connection.HomeTenantId),
                ct => graph.RoleManagement.Directory.RoleDefinitions.GetAsync(r => r.QueryParameters.Select = new[] { "id", "displayName", "templateId" }, ct),
                UnifiedRoleDefinitionCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
            {
                if (role.Id != null && role.DisplayName != null) names[role.Id] = role.DisplayName;
                if (role.TemplateId != null && role.DisplayName != null) names[role.TemplateId] = role.DisplayName;
            }
            return names;
        }
    }
}
