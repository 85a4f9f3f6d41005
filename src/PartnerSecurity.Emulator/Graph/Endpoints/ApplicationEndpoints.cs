using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Identity;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>
    /// App registrations and service principals: GET/POST /applications, GET/PATCH /applications/{id},
    /// POST /applications/{id}/addPassword and removePassword, GET/POST /servicePrincipals, GET /servicePrincipals/{id}, and
    /// POST /groups/{id}/members/$ref. Secrets are returned once by addPassword and never read back
    /// (secretText is null on reads, as in Graph); a certificate's key is read back only when one application is read
    /// with $select=keyCredentials. What each operation requires is checked by <see cref="GraphAccess"/>.
    /// </summary>
    internal static class ApplicationEndpoints
    {
        public static readonly CollectionPolicy Applications = new CollectionPolicy("applications", "microsoft.graph.application")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
            AdvancedQueries = true,
        }
        .Supports("$count", "$orderby", "$search")
        .WithProperties(GraphProperties.Application)
        .OrderedBy("displayName")
        .Searchable("displayName")
        .Filter("id", "eq")
        .Filter("appId", "eq")
        .Filter("displayName", "eq", "ne", "startswith");

        public static readonly CollectionPolicy ServicePrincipals = new CollectionPolicy("servicePrincipals", "microsoft.graph.servicePrincipal")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
            AdvancedQueries = true,
        }
        .Supports("$count", "$orderby", "$search")
        .WithProperties(GraphProperties.ServicePrincipal)
        .OrderedBy("displayName")
        .Searchable("displayName")
        .Filter("id", "eq")
        .Filter("appId", "eq", "in")
        .Filter("displayName", "eq", "ne", "startswith")
        .Filter("servicePrincipalType", "eq");

        private static readonly string[] s_writable =
        {
            "displayName", "description", "signInAudience", "requiredResourceAccess", "web", "publicClient", "spa",
            "isFallbackPublicClient", "keyCredentials", "tags", "notes", "identifierUris", "api", "info",
        };


        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", "/applications", (r, call) =>
            {
                return call.Collection(call.Tenant.Snapshot.Applications.Select(a => Public(a, r, single: false)), Applications);
            });
            graph.Map("*", "POST", "/applications", (r, call) => CreateApplication(r, call));
            graph.Map("*", "GET", "/applications/(?<id>[^/]+)", (r, call) =>
            {
                return call.Entity(Select(r, Public(FindApplication(call, r.Route("id")), r, single: true), GraphProperties.Application, "microsoft.graph.application"), "applications/$entity");
            });
            graph.Map("*", "PATCH", "/applications/(?<id>[^/]+)", (r, call) => UpdateApplication(r, call));
            graph.Map("*", "POST", "/applications/(?<id>[^/]+)/addPassword", (r, call) => AddPassword(r, call));
            graph.Map("*", "POST", "/applications/(?<id>[^/]+)/removePassword", (r, call) => RemovePassword(r, call));

            graph.Map("*", "GET", "/servicePrincipals", (r, call) =>
            {
                return call.Collection(call.Tenant.Snapshot.ServicePrincipals, ServicePrincipals);
            });
            graph.Map("*", "POST", "/servicePrincipals", (r, call) => CreateServicePrincipal(r, call));
            graph.Map("*", "GET", "/servicePrincipals/(?<id>[^/]+)", (r, call) =>
            {
                return call.Entity(Select(r, FindServicePrincipal(call, r.Route("id")), GraphProperties.ServicePrincipal, "microsoft.graph.servicePrincipal"), "servicePrincipals/$entity");
            });

            graph.Map("*", "POST", "/groups/(?<id>[^/]+)/members/\\$ref", (r, call) => AddMember(r, call));
        }

        private static JsonObject FindApplication(GraphCall call, string id) =>
            call.Tenant.Snapshot.Applications.FirstOrDefault(a => string.Equals((string?)a["id"], id, StringComparison.OrdinalIgnoreCase))
            ?? throw GraphException.NotFound($"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

        private static JsonObject FindServicePrincipal(GraphCall call, string id) =>
            call.Tenant.Snapshot.ServicePrincipals.FirstOrDefault(a => string.Equals((string?)a["id"], id, StringComparison.OrdinalIgnoreCase))
            ?? throw GraphException.NotFound($"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

        private static JsonObject Select(EmulatorRequest r, JsonObject entity, string[] properties, string type) =>
            CollectionResponder.Project(entity, CollectionResponder.SelectOf(r, properties, type));

        /// <summary>
        /// The application as Graph reads it back: no secret text, and a certificate's key only when one application
        /// is read with $select=keyCredentials; in a list it is always null (keyCredential resource).
        /// </summary>
        private static JsonObject Public(JsonObject application, EmulatorRequest r, bool single)
        {
            var copy = (JsonObject)application.DeepClone();
            if (copy["passwordCredentials"] is JsonArray passwords)
                foreach (var p in passwords.OfType<JsonObject>()) p["secretText"] = null;
            var wantsKeys = single && r.Query.TryGetValue("$select", out var s) && s.Split(',').Any(p => p.Trim() == "keyCredentials");
            if (!wantsKeys && copy["keyCredentials"] is JsonArray keys)
                foreach (var k in keys.OfType<JsonObject>()) k["key"] = null;
            return copy;
        }

        private static HttpResponseMessage CreateApplication(EmulatorRequest r, GraphCall call)
        {
            var body = r.JsonBody() ?? throw GraphException.BadRequest("Write requests require a JSON object body.");
            if (string.IsNullOrWhiteSpace((string?)body["displayName"]))
                throw GraphException.BadRequest("Property 'displayName' is required.", "Request_BadRequest");
            var application = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["appId"] = Guid.NewGuid().ToString(),
                ["createdDateTime"] = Timestamp(call.Now),
                ["signInAudience"] = "AzureADMyOrg",
                ["isFallbackPublicClient"] = false,
                ["passwordCredentials"] = new JsonArray(),
                ["keyCredentials"] = new JsonArray(),
                ["requiredResourceAccess"] = new JsonArray(),
                ["web"] = new JsonObject { ["redirectUris"] = new JsonArray() },
                ["publicClient"] = new JsonObject { ["redirectUris"] = new JsonArray() },
            };
            Apply(application, body, call);
            call.Tenant.Snapshot.Applications.Add(application);
            call.Context.Changes.Add(call.Tenant.Id, "applications/" + (string)application["id"]!, "created");
            return Created(call, Public(application, r, single: false), "applications/$entity");
        }

        private static HttpResponseMessage UpdateApplication(EmulatorRequest r, GraphCall call)
        {
            var application = FindApplication(call, r.Route("id"));
            var body = r.JsonBody() ?? throw GraphException.BadRequest("Write requests require a JSON object body.");
            var before = application.ToJsonString();
            Apply(application, body, call);
            if (application.ToJsonString() != before) call.Context.Changes.Add(call.Tenant.Id, "applications/" + r.Route("id"), "updated");
            return GraphCall.NoContent();
        }

        private static void Apply(JsonObject application, JsonObject body, GraphCall call)
        {
            // Instance annotations (@odata.type, which the Graph SDK sends) are accepted and not stored, as in Graph.
            foreach (var annotation in body.Where(p => p.Key.StartsWith("@", StringComparison.Ordinal)).Select(p => p.Key).ToList()) body.Remove(annotation);
            foreach (var property in body)
            {
                if (!s_writable.Contains(property.Key, StringComparer.Ordinal))
                    throw GraphException.BadRequest($"Property '{property.Key}' is read-only or does not exist on type 'microsoft.graph.application'.");
            }
            foreach (var property in body)
            {
                if (property.Key == "keyCredentials")
                    application["keyCredentials"] = KeyCredentials(property.Value as JsonArray ?? throw GraphException.BadRequest("keyCredentials must be an array."), application["keyCredentials"] as JsonArray);
                else
                    application[property.Key] = property.Value?.DeepClone();
            }
        }

        /// <summary>
        /// The new keyCredentials collection. Entries that carry a key are certificates to add (Graph derives the
        /// thumbprint and validity from the certificate); entries without one keep an existing key by keyId.
        /// </summary>
        private static JsonArray KeyCredentials(JsonArray requested, JsonArray? existing)
        {
            var result = new JsonArray();
            foreach (var entry in requested.OfType<JsonObject>())
            {
                var keyId = (string?)entry["keyId"];
                if (string.IsNullOrEmpty((string?)entry["key"]))
                {
                    var kept = existing?.OfType<JsonObject>().FirstOrDefault(e => string.Equals((string?)e["keyId"], keyId, StringComparison.OrdinalIgnoreCase))
                        ?? throw GraphException.BadRequest($"Key credential '{keyId}' has no key and does not exist on the application.", "KeyCredentialsInvalidValue");
                    result.Add(kept.DeepClone());
                    continue;
                }
                var certificate = ClientAssertions.Certificate(entry)
                    ?? throw GraphException.BadRequest("Invalid certificate: the key value is not a base64-encoded X.509 certificate.", "KeyCredentialsInvalidValue");
                if ((string?)entry["type"] != "AsymmetricX509Cert" || (string?)entry["usage"] != "Verify")
                    throw GraphException.BadRequest("A certificate credential needs type 'AsymmetricX509Cert' and usage 'Verify'.", "KeyCredentialsInvalidValue");
                result.Add(new JsonObject
                {
                    ["keyId"] = keyId ?? Guid.NewGuid().ToString(),
                    ["type"] = "AsymmetricX509Cert",
                    ["usage"] = "Verify",
                    ["displayName"] = (string?)entry["displayName"] ?? certificate.Subject,
                    ["customKeyIdentifier"] = Convert.ToBase64String(certificate.GetCertHash()),
                    ["startDateTime"] = Timestamp(new DateTimeOffset(certificate.NotBefore.ToUniversalTime())),
                    ["endDateTime"] = Timestamp(new DateTimeOffset(certificate.NotAfter.ToUniversalTime())),
                    ["key"] = (string?)entry["key"],
                });
            }
            return result;
        }

        private static HttpResponseMessage AddPassword(EmulatorRequest r, GraphCall call)
        {
            var application = FindApplication(call, r.Route("id"));
            var body = r.JsonBody() ?? new JsonObject();
            var requested = body["passwordCredential"] as JsonObject ?? new JsonObject();
            var start = call.Now;
            var end = requested["endDateTime"] is JsonNode e && DateTimeOffset.TryParse((string?)e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until) ? until : start.AddYears(2);
            if (end <= start) throw GraphException.BadRequest("The end date must be after the start date.", "InvalidKeyEndDate");
            var secret = GrantStore.RandomToken(30).Replace('-', '~').Substring(0, 40);
            call.Context.Grants.RecordIssued(secret);
            var credential = new JsonObject
            {
                ["customKeyIdentifier"] = null,
                ["displayName"] = (string?)requested["displayName"],
                ["endDateTime"] = Timestamp(end),
                ["hint"] = secret.Substring(0, 3),
                ["keyId"] = Guid.NewGuid().ToString(),
                ["secretText"] = secret,
                ["startDateTime"] = Timestamp(start),
            };
            if (!(application["passwordCredentials"] is JsonArray list)) application["passwordCredentials"] = list = new JsonArray();
            list.Add(credential);
            call.Context.Changes.Add(call.Tenant.Id, "applications/" + r.Route("id"), "password added");
            var response = EmulatorResponse.Json(HttpStatusCode.OK, WithContext(call, credential.DeepClone().AsObject(), "microsoft.graph.passwordCredential"), EmulatorResponse.GraphJson);
            return response;
        }

        /// <summary>removePassword: { "keyId" }; 204, or 400 when the application has no password with that key id.</summary>
        private static HttpResponseMessage RemovePassword(EmulatorRequest r, GraphCall call)
        {
            var application = FindApplication(call, r.Route("id"));
            var keyId = (string?)(r.JsonBody() ?? new JsonObject())["keyId"] ?? throw GraphException.BadRequest("Property 'keyId' is required.");
            var list = application["passwordCredentials"] as JsonArray;
            var credential = list?.OfType<JsonObject>().FirstOrDefault(c => string.Equals((string?)c["keyId"], keyId, StringComparison.OrdinalIgnoreCase))
                ?? throw GraphException.BadRequest($"No password credential with key id '{keyId}' was found on the application.", "Request_BadRequest");
            list!.Remove(credential);
            call.Context.Changes.Add(call.Tenant.Id, "applications/" + r.Route("id"), "password removed");
            return GraphCall.NoContent();
        }

        private static HttpResponseMessage CreateServicePrincipal(EmulatorRequest r, GraphCall call)
        {
            var body = r.JsonBody() ?? throw GraphException.BadRequest("Write requests require a JSON object body.");
            var appId = (string?)body["appId"] ?? throw GraphException.BadRequest("Property 'appId' is required.");
            if (call.Tenant.Snapshot.ServicePrincipals.Any(sp => string.Equals((string?)sp["appId"], appId, StringComparison.OrdinalIgnoreCase)))
                throw new GraphException(HttpStatusCode.Conflict, "Request_MultipleObjectsWithSameKeyValue", "The service principal cannot be created, updated, or restored because the service principal name is already in use.");
            var found = call.Context.Cloud.FindApplication(appId);
            if (found == null)
                throw GraphException.BadRequest($"The appId '{appId}' of the service principal does not reference a valid application object.", "Request_BadRequest");
            var (owner, application) = found.Value;
            bool multiTenant;
            string? name;
            lock (owner.Sync)
            {
                multiTenant = ((string?)application["signInAudience"] ?? "AzureADMyOrg") != "AzureADMyOrg";
                name = (string?)application["displayName"];
            }
            if (owner != call.Tenant && !multiTenant)
                throw GraphException.BadRequest($"The application '{appId}' is a single-tenant application of another tenant.", "Request_BadRequest");
            var sp = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["appId"] = appId,
                ["displayName"] = name,
                ["servicePrincipalType"] = "Application",
                ["accountEnabled"] = true,
                ["appOwnerOrganizationId"] = owner.Id,
                ["createdDateTime"] = Timestamp(call.Now),
            };
            call.Tenant.Snapshot.ServicePrincipals.Add(sp);
            call.Context.Changes.Add(call.Tenant.Id, "servicePrincipals/" + (string)sp["id"]!, "created");
            return Created(call, sp, "servicePrincipals/$entity");
        }

        private static HttpResponseMessage AddMember(EmulatorRequest r, GraphCall call)
        {
            var group = GroupEndpoints.Find(call, r.Route("id"));
            var body = r.JsonBody() ?? throw GraphException.BadRequest("Write requests require a JSON object body.");
            var reference = (string?)body["@odata.id"] ?? throw GraphException.BadRequest("The request body must name the member in '@odata.id'.");
            var memberId = reference.TrimEnd('/').Split('/').Last();
            var exists = call.Tenant.FindUser(memberId) != null || call.Tenant.FindGroup(memberId) != null
                || call.Tenant.Snapshot.ServicePrincipals.Any(sp => string.Equals((string?)sp["id"], memberId, StringComparison.OrdinalIgnoreCase));
            if (!exists)
                throw GraphException.NotFound($"Resource '{memberId}' does not exist or one of its queried reference-property objects are not present.");
            if (!(group["members"] is JsonArray members)) group["members"] = members = new JsonArray();
            if (members.Any(m => string.Equals((string?)m, memberId, StringComparison.OrdinalIgnoreCase)))
                throw GraphException.BadRequest("One or more added object references already exist for the following modified properties: 'members'.", "Request_BadRequest");
            members.Add(memberId);
            call.Context.Changes.Add(call.Tenant.Id, "groups/" + r.Route("id") + "/members", memberId + " added");
            return GraphCall.NoContent();
        }

        private static HttpResponseMessage Created(GraphCall call, JsonObject entity, string fragment) =>
            EmulatorResponse.Json(HttpStatusCode.Created, WithContext(call, entity, null, fragment), EmulatorResponse.GraphJson);

        private static JsonObject WithContext(GraphCall call, JsonObject entity, string? type, string? fragment = null)
        {
            var body = new JsonObject { ["@odata.context"] = $"{call.ServiceRoot}/$metadata#{fragment ?? type}" };
            foreach (var property in entity) body[property.Key] = property.Value?.DeepClone();
            return body;
        }

        private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }
}
