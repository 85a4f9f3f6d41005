using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Identity;

namespace PartnerSecurity.Emulator.KeyVault
{
    /// <summary>
    /// Azure Key Vault's secrets data plane (https://&lt;vault&gt;.vault.azure.net, docs/emulator.md "Key Vault"):
    /// set (a new version each time), get (latest or a version), update, list and list versions (paged by
    /// nextLink), soft-delete with recover and purge, and the 409 a name in the deleted state answers. Requests
    /// without a bearer token get the challenge the Azure SDK reads (401, WWW-Authenticate with the tenant's
    /// authority and the resource https://vault.azure.net); a caller without an access policy or RBAC role gets
    /// 403 ForbiddenByPolicy or ForbiddenByRbac. Errors are Key Vault's {"error":{"code","message"}}.
    /// </summary>
    public sealed class KeyVaultService
    {
        public const string HostSuffix = ".vault.azure.net";
        public const string Resource = "https://vault.azure.net";
        /// <summary>The api-versions the secrets API documents (7.x and the dated ones the SDK 4.12 sends).</summary>
        public static readonly string[] ApiVersions = { "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01", "2026-04-01" };
        public const int MaxPageSize = 25;
        /// <summary>Soft-delete retention: the vault's default of 90 days.</summary>
        public const int RecoverableDays = 90;

        private static readonly Regex s_secretName = new Regex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant);
        private static readonly Regex s_version = new Regex("^[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant);

        private readonly EmulatorContext _context;
        private readonly Dictionary<string, EmulatedVault> _vaults = new Dictionary<string, EmulatedVault>(StringComparer.OrdinalIgnoreCase);
        private readonly Router<VaultCall> _router = new Router<VaultCall>();

        public KeyVaultService(EmulatorContext context, IEnumerable<EmulatedVault> vaults)
        {
            _context = context;
            foreach (var vault in vaults) _vaults[vault.Name] = vault;
            _router
                .Map("GET", "/secrets", (r, c) => List(c))
                .Map("GET", "/secrets/(?<name>[^/]+)/versions", (r, c) => Versions(c, r.Route("name")))
                .Map("PUT", "/secrets/(?<name>[^/]+)", (r, c) => Set(c, r.Route("name")))
                .Map("GET", "/secrets/(?<name>[^/]+)(/(?<version>[^/]*))?", (r, c) => Get(c, r.Route("name"), r.Route("version")))
                .Map("PATCH", "/secrets/(?<name>[^/]+)(/(?<version>[^/]*))?", (r, c) => Update(c, r.Route("name"), r.Route("version")))
                .Map("DELETE", "/secrets/(?<name>[^/]+)", (r, c) => Delete(c, r.Route("name")))
                .Map("GET", "/deletedsecrets", (r, c) => ListDeleted(c))
                .Map("GET", "/deletedsecrets/(?<name>[^/]+)", (r, c) => GetDeleted(c, r.Route("name")))
                .Map("DELETE", "/deletedsecrets/(?<name>[^/]+)", (r, c) => Purge(c, r.Route("name")))
                .Map("POST", "/deletedsecrets/(?<name>[^/]+)/recover", (r, c) => Recover(c, r.Route("name")));
        }

        public static bool IsVaultHost(string host) => host.EndsWith(HostSuffix, StringComparison.OrdinalIgnoreCase) && host.Length > HostSuffix.Length;

        public EmulatedVault? Find(string name) => _vaults.TryGetValue(name, out var v) ? v : null;
        public IEnumerable<EmulatedVault> Vaults => _vaults.Values;

        public Task<HttpResponseMessage> HandleAsync(EmulatorRequest request)
        {
            var response = Handle(request);
            response.Headers.TryAddWithoutValidation("x-ms-request-id", Guid.NewGuid().ToString());
            response.Headers.TryAddWithoutValidation("x-ms-keyvault-service-version", "1.9.2585.1");
            response.Headers.TryAddWithoutValidation("x-ms-keyvault-region", "westeurope");
            response.Headers.TryAddWithoutValidation("x-ms-keyvault-network-info", "conn_type=Ipv4;addr=127.0.0.1;act_addr_fam=InterNetwork;");
            return Task.FromResult(response);
        }

        private HttpResponseMessage Handle(EmulatorRequest request)
        {
            var host = request.Uri.Host;
            var vaultName = host.Substring(0, host.Length - HostSuffix.Length);
            // A vault that does not exist has no DNS name: the client sees a failed name lookup, not an answer.
            var vault = Find(vaultName) ?? throw new HttpRequestException($"No such host is known: {host} (no vault '{vaultName}' in the emulated subscription).");

            var home = _context.Cloud.Home;
            if (string.IsNullOrEmpty(request.Header("Authorization")))
                return Challenge(home, "AKV10000: Request is missing a Bearer or PoP token.");
            var header = request.Header("Authorization")!;
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                return Challenge(home, "AKV10001: Unable to parse the Authorization header.");
            var claims = _context.Signer.Verify(header.Substring(7).Trim());
            if (claims == null) return Challenge(home, "AKV10022: Invalid audience or the token signature is not valid.");
            if (!string.Equals(((string?)claims["aud"])?.TrimEnd('/'), Resource, StringComparison.OrdinalIgnoreCase))
                return Challenge(home, $"AKV10022: Invalid audience. Expected {Resource}, found: {(string?)claims["aud"]}.");
            if ((claims["exp"]?.GetValue<long>() ?? 0) <= _context.Clock.UtcNow.ToUnixTimeSeconds())
                return Challenge(home, "AKV10032: Token expired.");
            if (!string.Equals((string?)claims["tid"], home.Id, StringComparison.OrdinalIgnoreCase))
                return Challenge(home, $"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{home.Id}/, found https://sts.windows.net/{(string?)claims["tid"]}/.");

            if (!request.Query.TryGetValue("api-version", out var version) || version.Length == 0)
                return Error(HttpStatusCode.BadRequest, "BadParameter", "The request URI contains an invalid or missing api-version.");
            if (!ApiVersions.Contains(version))
                return Error(HttpStatusCode.BadRequest, "BadParameter", $"The specified version ({version}) is not recognized. Consider using the latest supported version (2026-04-01).");

            var handler = _router.Find(request, request.Path, out var pathKnown);
            if (handler == null)
                return pathKnown
                    ? Error(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"The requested resource does not support http method '{request.Method}'.")
                    : Error(HttpStatusCode.NotFound, "NotFound", "The requested resource was not found.");
            var call = new VaultCall(request, vault, claims, request.Query["api-version"]);
            try
            {
                lock (vault.Secrets.Sync) return handler(request, call).GetAwaiter().GetResult();
            }
            catch (VaultException ex)
            {
                return ex.Response;
            }
        }

        // ------------------------------------------------------------ operations

        private HttpResponseMessage Set(VaultCall call, string name)
        {
            call.Require("set");
            CheckName(name);
            var body = call.Request.JsonBody() ?? throw Fail(HttpStatusCode.BadRequest, "BadParameter", "The request body is not valid JSON.");
            if (!(body["value"] is JsonValue v) || !v.TryGetValue(out string? value) || value == null)
                throw Fail(HttpStatusCode.BadRequest, "BadParameter", "Property 'value' is required and must be a string.");
            if (value.Length > 25 * 1024) throw Fail(HttpStatusCode.BadRequest, "BadParameter", "The secret value exceeds the maximum size of 25 KB.");
            var secrets = call.Vault.Secrets;
            var existing = secrets.Find(name);
            if (existing?.DeletedDate != null)
                throw Fail(HttpStatusCode.Conflict, "Conflict", $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.");
            var tags = Tags(body["tags"]);
            var attributes = body["attributes"] as JsonObject;
            var now = Now;
            var version = new SecretVersion
            {
                Version = Guid.NewGuid().ToString("N"),
                Value = value,
                ContentType = (string?)body["contentType"],
                Enabled = attributes?["enabled"] is JsonValue e && e.TryGetValue(out bool enabled) ? enabled : true,
                NotBefore = UnixTime(attributes?["nbf"], "nbf"),
                Expires = UnixTime(attributes?["exp"], "exp"),
                Created = now,
                Updated = now,
                Tags = tags,
            };
            secrets.GetOrAdd(name).Versions.Add(version);
            Changed(call, name, $"version {version.Version} set");
            return Ok(Bundle(call, name, version, withValue: true));
        }

        private HttpResponseMessage Get(VaultCall call, string name, string version)
        {
            call.Require("get");
            var secret = Live(call, name);
            SecretVersion found;
            if (version.Length == 0) found = secret.Latest;
            else
            {
                found = secret.Versions.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase))
                    ?? throw Fail(HttpStatusCode.NotFound, "SecretNotFound", $"A secret with (name/id) {name}/{version} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");
            }
            // A disabled version keeps its value to itself (Key Vault answers 403 Forbidden, code Forbidden, inner SecretDisabled).
            if (!found.Enabled)
                throw Fail(HttpStatusCode.Forbidden, "Forbidden", $"Operation get is not allowed on a disabled secret.", "SecretDisabled");
            return Ok(Bundle(call, name, found, withValue: true));
        }

        private HttpResponseMessage Update(VaultCall call, string name, string version)
        {
            call.Require("set");
            var secret = Live(call, name);
            var found = version.Length == 0 ? secret.Latest : secret.Versions.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase))
                ?? throw Fail(HttpStatusCode.NotFound, "SecretNotFound", $"A secret with (name/id) {name}/{version} was not found in this key vault.");
            var body = call.Request.JsonBody() ?? new JsonObject();
            if (body["contentType"] != null) found.ContentType = (string?)body["contentType"];
            if (body["tags"] != null) found.Tags = Tags(body["tags"]);
            if (body["attributes"] is JsonObject attributes)
            {
                if (attributes["enabled"] is JsonValue e && e.TryGetValue(out bool enabled)) found.Enabled = enabled;
                if (attributes.ContainsKey("nbf")) found.NotBefore = UnixTime(attributes["nbf"], "nbf");
                if (attributes.ContainsKey("exp")) found.Expires = UnixTime(attributes["exp"], "exp");
            }
            found.Updated = Now;
            return Ok(Bundle(call, name, found, withValue: false));
        }

        private HttpResponseMessage List(VaultCall call)
        {
            call.Require("list");
            var items = call.Vault.Secrets.All.Where(s => s.DeletedDate == null)
                .Select(s => Item(call, "secrets/" + s.Name, s.Latest)).ToList();
            return Page(call, items, "/secrets");
        }

        private HttpResponseMessage Versions(VaultCall call, string name)
        {
            call.Require("list");
            var secret = Live(call, name);
            var items = secret.Versions.Select(v => Item(call, $"secrets/{secret.Name}/{v.Version}", v)).ToList();
            return Page(call, items, $"/secrets/{Uri.EscapeDataString(secret.Name)}/versions");
        }

        private HttpResponseMessage Delete(VaultCall call, string name)
        {
            call.Require("delete");
            var secret = Live(call, name);
            secret.DeletedDate = Now;
            secret.ScheduledPurgeDate = Now + RecoverableDays * 86400L;
            Changed(call, name, $"deleted (recoverable for {RecoverableDays} days)");
            return Ok(Deleted(call, secret));
        }

        private HttpResponseMessage ListDeleted(VaultCall call)
        {
            call.Require("list");
            var items = call.Vault.Secrets.All.Where(s => s.DeletedDate != null).Select(s =>
            {
                var item = Item(call, "secrets/" + s.Name, s.Latest);
                AddDeletion(call, item, s);
                return item;
            }).ToList();
            return Page(call, items, "/deletedsecrets");
        }

        private HttpResponseMessage GetDeleted(VaultCall call, string name)
        {
            call.Require("list");
            return Ok(Deleted(call, DeletedSecret(call, name)));
        }

        private HttpResponseMessage Purge(VaultCall call, string name)
        {
            call.Require("purge");
            DeletedSecret(call, name);
            call.Vault.Secrets.Purge(name);
            Changed(call, name, "purged");
            return EmulatorResponse.Empty(HttpStatusCode.NoContent);
        }

        private HttpResponseMessage Recover(VaultCall call, string name)
        {
            call.Require("recover");
            var secret = DeletedSecret(call, name);
            secret.DeletedDate = null;
            secret.ScheduledPurgeDate = null;
            Changed(call, name, "recovered");
            return Ok(Bundle(call, secret.Name, secret.Latest, withValue: false));
        }

        // ------------------------------------------------------------ shapes

        private long Now => _context.Clock.UtcNow.ToUnixTimeSeconds();

        /// <summary>A write, in the change log (never the value).</summary>
        private void Changed(VaultCall call, string name, string change) =>
            _context.Changes.Add(_context.Cloud.Home.Id, $"keyVaults/{call.Vault.Name}/secrets/{name}", $"{change} by {call.Caller}");

        private static StoredSecret Live(VaultCall call, string name)
        {
            var secret = call.Vault.Secrets.Find(name);
            if (secret == null || secret.DeletedDate != null)
                throw Fail(HttpStatusCode.NotFound, "SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");
            return secret;
        }

        private static StoredSecret DeletedSecret(VaultCall call, string name)
        {
            var secret = call.Vault.Secrets.Find(name);
            if (secret?.DeletedDate == null)
                throw Fail(HttpStatusCode.NotFound, "SecretNotFound", $"Deleted Secret not found: {name}");
            return secret;
        }

        private static void CheckName(string name)
        {
            if (!s_secretName.IsMatch(name))
                throw Fail(HttpStatusCode.BadRequest, "BadParameter", $"The request URI contains an invalid name: {name}. A secret name is 1 to 127 letters, digits and dashes.");
        }

        private static JsonObject? Tags(JsonNode? node)
        {
            if (node == null) return null;
            if (!(node is JsonObject tags)) throw Fail(HttpStatusCode.BadRequest, "BadParameter", "Property 'tags' must be an object of string values.");
            if (tags.Count > 15) throw Fail(HttpStatusCode.BadRequest, "BadParameter", "A secret can have at most 15 tags.");
            foreach (var tag in tags)
            {
                if (!(tag.Value is JsonValue value) || !value.TryGetValue(out string? text))
                    throw Fail(HttpStatusCode.BadRequest, "BadParameter", $"The value of tag '{tag.Key}' must be a string.");
                if (tag.Key.Length > 512 || text!.Length > 512)
                    throw Fail(HttpStatusCode.BadRequest, "BadParameter", $"Tag '{tag.Key}': names and values are at most 512 characters.");
            }
            return (JsonObject)tags.DeepClone();
        }

        private static long? UnixTime(JsonNode? node, string name)
        {
            if (node == null) return null;
            if (node is JsonValue v && v.TryGetValue(out long seconds)) return seconds;
            if (node is JsonValue d && d.TryGetValue(out double real)) return (long)real;
            throw Fail(HttpStatusCode.BadRequest, "BadParameter", $"Property 'attributes.{name}' must be a number of seconds since 1970-01-01.");
        }

        private static string BaseUri(VaultCall call) => $"https://{call.Vault.Name.ToLowerInvariant()}{HostSuffix}/";

        private static JsonObject Attributes(SecretVersion version)
        {
            var attributes = new JsonObject { ["enabled"] = version.Enabled };
            if (version.NotBefore is long nbf) attributes["nbf"] = nbf;
            if (version.Expires is long exp) attributes["exp"] = exp;
            attributes["created"] = version.Created;
            attributes["updated"] = version.Updated;
            attributes["recoveryLevel"] = "Recoverable+Purgeable";
            attributes["recoverableDays"] = RecoverableDays;
            return attributes;
        }

        private static JsonObject Bundle(VaultCall call, string name, SecretVersion version, bool withValue)
        {
            var bundle = new JsonObject();
            if (withValue) bundle["value"] = version.Value;
            if (version.ContentType != null) bundle["contentType"] = version.ContentType;
            bundle["id"] = $"{BaseUri(call)}secrets/{name}/{version.Version}";
            bundle["attributes"] = Attributes(version);
            if (version.Tags != null) bundle["tags"] = version.Tags.DeepClone();
            return bundle;
        }

        private static JsonObject Item(VaultCall call, string path, SecretVersion version)
        {
            var item = new JsonObject { ["id"] = BaseUri(call) + path, ["attributes"] = Attributes(version) };
            if (version.ContentType != null) item["contentType"] = version.ContentType;
            if (version.Tags != null) item["tags"] = version.Tags.DeepClone();
            return item;
        }

        private static JsonObject Deleted(VaultCall call, StoredSecret secret)
        {
            var bundle = Bundle(call, secret.Name, secret.Latest, withValue: false);
            AddDeletion(call, bundle, secret);
            return bundle;
        }

        private static void AddDeletion(VaultCall call, JsonObject target, StoredSecret secret)
        {
            target["recoveryId"] = $"{BaseUri(call)}deletedsecrets/{secret.Name}";
            target["deletedDate"] = secret.DeletedDate;
            target["scheduledPurgeDate"] = secret.ScheduledPurgeDate;
        }

        private HttpResponseMessage Page(VaultCall call, List<JsonObject> items, string path)
        {
            var q = call.Request.Query;
            int size = MaxPageSize;
            if (q.TryGetValue("maxresults", out var text) && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPageSize))
                throw Fail(HttpStatusCode.BadRequest, "BadParameter", $"The value of maxresults must be between 1 and {MaxPageSize}.");
            int skip = 0;
            if (q.TryGetValue("$skiptoken", out var token) && (!int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out skip) || skip < 0))
                throw Fail(HttpStatusCode.BadRequest, "BadParameter", "The $skiptoken is not valid.");
            var page = new JsonArray(items.Skip(skip).Take(size).Select(i => (JsonNode)i).ToArray());
            string? next = skip + size < items.Count
                ? $"https://{call.Vault.Name.ToLowerInvariant()}{HostSuffix}:443{path}?api-version={call.ApiVersion}&$skiptoken={skip + size}&maxresults={size}"
                : null;
            return Ok(new JsonObject { ["value"] = page, ["nextLink"] = next });
        }

        private static HttpResponseMessage Ok(JsonObject body) => EmulatorResponse.Json(HttpStatusCode.OK, body);

        private static HttpResponseMessage Challenge(EmulatedTenant home, string message)
        {
            var response = Error(HttpStatusCode.Unauthorized, "Unauthorized", message);
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", $"Bearer authorization=\"https://login.microsoftonline.com/{home.Id}\", resource=\"{Resource}\"");
            return response;
        }

        internal static HttpResponseMessage Error(HttpStatusCode status, string code, string message, string? inner = null)
        {
            var error = new JsonObject { ["code"] = code, ["message"] = message };
            if (inner != null) error["innererror"] = new JsonObject { ["code"] = inner };
            return EmulatorResponse.Json(status, new JsonObject { ["error"] = error });
        }

        internal static VaultException Fail(HttpStatusCode status, string code, string message, string? inner = null) =>
            new VaultException(Error(status, code, message, inner));
    }

    internal sealed class VaultException : Exception
    {
        public VaultException(HttpResponseMessage response) => Response = response;
        public HttpResponseMessage Response { get; }
    }

    /// <summary>One authenticated request to a vault: who calls, and the check of their permission.</summary>
    internal sealed class VaultCall
    {
        public VaultCall(EmulatorRequest request, EmulatedVault vault, JsonObject claims, string apiVersion)
        {
            Request = request;
            Vault = vault;
            Claims = claims;
            ApiVersion = apiVersion;
        }

        public EmulatorRequest Request { get; }
        public EmulatedVault Vault { get; }
        public JsonObject Claims { get; }
        public string ApiVersion { get; }
        public string ObjectId => (string?)Claims["oid"] ?? string.Empty;
        /// <summary>The caller as Key Vault's 403 names it.</summary>
        public string Caller => $"appid={(string?)Claims["appid"]};oid={ObjectId};iss={(string?)Claims["iss"]}";

        public void Require(string permission)
        {
            if (Vault.Allows(ObjectId, permission)) return;
            if (Vault.EnableRbacAuthorization)
                throw KeyVaultService.Fail(HttpStatusCode.Forbidden, "Forbidden",
                    "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n" +
                    $"Caller: {Caller}\r\nAction: '{EmulatedVault.DataAction(permission)}'\r\nResource: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/partner-automation/providers/microsoft.keyvault/vaults/{Vault.Name.ToLowerInvariant()}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: {Vault.Name};location=westeurope\r\n",
                    "ForbiddenByRbac");
            throw KeyVaultService.Fail(HttpStatusCode.Forbidden, "Forbidden",
                $"The user, group or application '{Caller}' does not have secrets {permission} permission on key vault '{Vault.Name};location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
                "ForbiddenByPolicy");
        }
    }
}
