using System;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>Graph v1.0 namedLocation objects (ipNamedLocation and countryNamedLocation).</summary>
    internal static class NamedLocationBuilder
    {
        public static JsonObject Ip(string id, string displayName, bool trusted, DateTimeOffset created, params string[] cidrs)
        {
            var ranges = new JsonArray();
            foreach (var cidr in cidrs)
            {
                ranges.Add(new JsonObject
                {
                    ["@odata.type"] = cidr.Contains(':') ? "#microsoft.graph.iPv6CidrRange" : "#microsoft.graph.iPv4CidrRange",
                    ["cidrAddress"] = cidr,
                });
            }
            return new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.ipNamedLocation",
                ["id"] = id,
                ["displayName"] = displayName,
                ["modifiedDateTime"] = SnapshotTime.IsoPrecise(created.AddDays(12)),
                ["createdDateTime"] = SnapshotTime.IsoPrecise(created),
                ["isTrusted"] = trusted,
                ["ipRanges"] = ranges,
            };
        }

        public static JsonObject Countries(string id, string displayName, DateTimeOffset created, params string[] countryCodes) => new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.countryNamedLocation",
            ["id"] = id,
            ["displayName"] = displayName,
            ["modifiedDateTime"] = SnapshotTime.IsoPrecise(created),
            ["createdDateTime"] = SnapshotTime.IsoPrecise(created),
            ["countriesAndRegions"] = SnapshotJson.Strings(countryCodes),
            ["includeUnknownCountriesAndRegions"] = false,
            ["countryLookupMethod"] = "clientIpAddress",
        };
    }
}
