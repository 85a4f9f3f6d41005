using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>An authenticated Graph request: who is calling, in which tenant, on which API version.</summary>
    public sealed class GraphCall
    {
        public GraphCall(EmulatorRequest request, EmulatorContext context, EmulatedTenant tenant, JsonObject claims, string version)
        {
            Request = request;
            Context = context;
            Tenant = tenant;
            Claims = claims;
            Version = version;
        }

        public EmulatorRequest Request { get; }
        public EmulatorContext Context { get; }
        public EmulatedTenant Tenant { get; }
        /// <summary>The verified access-token payload.</summary>
        public JsonObject Claims { get; }
        /// <summary>"v1.0" or "beta".</summary>
        public string Version { get; }
        public bool IsBeta => Version == "beta";
        public DateTimeOffset Now => Context.Clock.UtcNow;
        public string ServiceRoot => $"https://{Request.Uri.Host}/{Version}";
        /// <summary>The calling user's object id, or null for an app-only token.</summary>
        public string? UserId => (string?)Claims["idtyp"] == "app" ? null : (string?)Claims["oid"];

        public HttpResponseMessage Entity(JsonObject entity, string contextFragment)
        {
            var body = new JsonObject { ["@odata.context"] = $"{ServiceRoot}/$metadata#{contextFragment}" };
            foreach (var property in entity) body[property.Key] = property.Value?.DeepClone();
            return EmulatorResponse.Json(HttpStatusCode.OK, body, EmulatorResponse.GraphJson);
        }

        public HttpResponseMessage Collection(System.Collections.Generic.IEnumerable<JsonObject> items, CollectionPolicy policy) =>
            CollectionResponder.Serve(this, items, policy);

        /// <summary>A collection whose items are shaped for the wire only when they are on the page served.</summary>
        public HttpResponseMessage Collection(System.Collections.Generic.IEnumerable<JsonObject> items, CollectionPolicy policy, Func<JsonObject, JsonObject> shape) =>
            CollectionResponder.Serve(this, items, policy, shape);

        public static HttpResponseMessage NoContent() => EmulatorResponse.Empty(HttpStatusCode.NoContent);
    }
}
