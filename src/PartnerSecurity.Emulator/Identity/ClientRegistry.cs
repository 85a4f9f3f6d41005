using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>A client application as the token endpoint sees it.</summary>
    public sealed class ClientApp
    {
        public ClientApp(string appId, string displayName, bool isPublic, EmulatedTenant? home, JsonObject? application)
        {
            AppId = appId;
            DisplayName = displayName;
            IsPublic = isPublic;
            Home = home;
            Application = application;
        }

        public string AppId { get; }
        public string DisplayName { get; }
        /// <summary>A public client (no credential); confidential clients must authenticate.</summary>
        public bool IsPublic { get; }
        /// <summary>The tenant that owns the registration; null for Microsoft's first-party clients.</summary>
        public EmulatedTenant? Home { get; }
        public JsonObject? Application { get; }
    }

    public static class ClientRegistry
    {
        /// <summary>Microsoft first-party public clients that exist in every tenant.</summary>
        public static readonly IReadOnlyDictionary<string, string> FirstPartyPublicClients = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["14d82eec-204b-4c2f-b7e8-296a70dab67e"] = "Microsoft Graph Command Line Tools",
            ["1950a258-227b-4e31-a9cf-717495945fc2"] = "Microsoft Azure PowerShell",
            ["04b07795-8ddb-461a-bbee-02f9e1bf7b46"] = "Microsoft Azure CLI",
        };

        public static ClientApp? Find(EmulatedCloud cloud, string clientId)
        {
            if (FirstPartyPublicClients.TryGetValue(clientId, out var name))
                return new ClientApp(clientId, name, isPublic: true, home: null, application: null);
            var found = cloud.FindApplication(clientId);
            if (found == null) return null;
            var (tenant, app) = found.Value;
            bool isPublic;
            lock (tenant.Sync)
            {
                bool hasCredentials = (app["passwordCredentials"] as JsonArray)?.Count > 0 || (app["keyCredentials"] as JsonArray)?.Count > 0;
                isPublic = app["isFallbackPublicClient"]?.GetValue<bool>() == true || !hasCredentials;
            }
            return new ClientApp(clientId, (string?)app["displayName"] ?? clientId, isPublic, tenant, app);
        }

        /// <summary>Checks a client secret against the registration: null when valid, else (AADSTS, description).</summary>
        public static (int Code, string Description)? CheckSecret(ClientApp client, string secret, DateTimeOffset now)
        {
            if (client.Application == null || client.Home == null)
                return (700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
            lock (client.Home.Sync)
            {
                var credentials = (client.Application["passwordCredentials"] as JsonArray)?.OfType<JsonObject>().ToList() ?? new List<JsonObject>();
                var match = credentials.FirstOrDefault(c => string.Equals((string?)c["secretText"], secret, StringComparison.Ordinal));
                if (match == null)
                    return (7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + client.AppId + "'.");
                if (match["endDateTime"] is JsonNode end && DateTimeOffset.TryParse((string?)end, out var expires) && expires <= now)
                    return (7000222, $"The provided client secret keys for app '{client.AppId}' are expired. Visit the Azure portal to create new keys for your app.");
            }
            return null;
        }
    }
}
