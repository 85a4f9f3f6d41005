using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>
    /// GET /tenantRelationships/delegatedAdminRelationships: the partner's GDAP relationships with every
    /// customer (from the snapshot's customers[].gdapRelationships), paged up to 300 as documented.
    /// </summary>
    internal static class TenantRelationshipEndpoints
    {
        private static readonly CollectionPolicy s_relationships = new CollectionPolicy("tenantRelationships/delegatedAdminRelationships", "microsoft.graph.delegatedAdminRelationship")
        {
            DefaultPageSize = 100,
            MaxPageSize = 300,
            TopErrorFormat = "The value of $top must be between 1 and {1}; '{0}' is not.",
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$count", "$orderby")
        .WithProperties(GraphProperties.DelegatedAdminRelationship)
        .OrderedBy("status")
        .Filter("id", "eq")
        .Filter("status", "eq", "ne")
        .Filter("displayName", "eq", "startswith")
        .Filter("customer/tenantId", "eq");

        public static void Register(GraphService graph)
        {
            graph.Map("v1.0", "GET", "/tenantRelationships/delegatedAdminRelationships", (r, call) =>
                call.Collection(call.Tenant.Customers.SelectMany(c => c.AsCustomer!.GdapRelationships).Select(Shape), s_relationships));
        }

        private static JsonObject Shape(JsonObject relationship)
        {
            var copy = (JsonObject)relationship.DeepClone();
            // Access assignments are a navigation property: the snapshot may hold them inline, the list does not return them.
            copy.Remove("accessAssignments");
            if (copy["@odata.type"] == null) copy["@odata.type"] = "#microsoft.graph.delegatedAdminRelationship";
            if (copy["@odata.etag"] == null) copy["@odata.etag"] = "W/\"JyIwMzAwZTM0ZS0wMDAwLTAyMDAtMDAwMC02MTRjZjI1YzAwMDAiJw==\"";
            return copy;
        }
    }
}
