using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Mfa
{
    /// <summary>
    /// Reads the policies of a what-if (Get-PartnerMfaStatus -WhatIfPolicy): Graph's JSON (one policy, a list, or a
    /// response with "value") or the Entra portal's "Download JSON" (one policy, without an id), from a file, JSON text or
    /// an object graph that PowerShell objects were turned into. Anything that is not a readable policy is one error
    /// naming the source, the policy and the field, before any tenant is read.
    /// </summary>
    public static class WhatIfPolicyLoader
    {
        private const string Action = "Pass a policy as Graph returns it (GET /identity/conditionalAccess/policies/{id}) or as the Entra portal's \"Download JSON\" writes it, one policy or a list.";
        private static readonly JsonDocumentOptions s_options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

        /// <summary>Hard limit on a what-if file: a policy export is a few kilobytes, a tenant's whole set well under this.</summary>
        public const long MaxFileBytes = 16 * 1024 * 1024;

        public static IReadOnlyList<CaPolicy> FromFile(string path)
        {
            string text;
            try
            {
                var info = new FileInfo(path);
                if (info.Length > MaxFileBytes)
                    throw Error($"What-if policy file '{path}' is {info.Length:N0} bytes, more than the {MaxFileBytes:N0} a set of policies takes.", path, null);
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Error($"What-if policy file '{path}' cannot be read: {ex.Message}", path, ex);
            }
            return FromText(text, $"file '{path}'", path);
        }

        public static IReadOnlyList<CaPolicy> FromText(string json, string source, object? target = null)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, s_options);
            }
            catch (JsonException ex)
            {
                var where = ex.LineNumber is long line ? $" (line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
                throw Error($"What-if policy {source} is not valid JSON{where}: {ex.Message}", target ?? source, ex);
            }
            using (document) return FromJson(document.RootElement, source, target ?? source);
        }

        /// <summary>Policies from plain .NET objects (dictionaries, lists, strings, numbers, booleans), as the cmdlet unwraps PowerShell objects.</summary>
        public static IReadOnlyList<CaPolicy> FromObject(object? graph, string source)
        {
            JsonElement element;
            try
            {
                element = JsonSerializer.SerializeToElement(graph);
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is JsonException || ex is InvalidOperationException)
            {
                throw Error($"What-if policy {source} cannot be read as a policy: {ex.Message}", source, ex);
            }
            return FromJson(element, source, source);
        }

        private static IReadOnlyList<CaPolicy> FromJson(JsonElement root, string source, object target)
        {
            var items = new List<JsonElement>();
            if (root.ValueKind == JsonValueKind.Array) items.AddRange(root.EnumerateArray());
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array) items.AddRange(value.EnumerateArray());
            else if (root.ValueKind == JsonValueKind.Object) items.Add(root);
            else throw Error($"What-if policy {source} holds neither a policy nor a list of policies.", target, null);
            if (items.Count == 0) throw Error($"What-if policy {source} holds no policy.", target, null);

            var policies = new List<CaPolicy>();
            for (int i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var label = items.Count == 1 ? source : $"{source}, item {i + 1}";
                if (item.ValueKind != JsonValueKind.Object || !HasConditions(item))
                    throw Error($"What-if policy {label} is not a conditional access policy: it has no \"conditions\".", target, null);
                try
                {
                    policies.Add(CaPolicy.FromJson(item));
                }
                catch (CaPolicyFormatException ex)
                {
                    throw Error($"What-if policy {label}: {ex.Message}", target, ex);
                }
            }
            return policies;
        }

        private static bool HasConditions(JsonElement item)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (string.Equals(property.Name, "conditions", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object) return true;
            }
            return false;
        }

        private static PartnerSecurityException Error(string message, object target, Exception? inner) =>
            new PartnerSecurityException("WhatIfPolicyUnreadable", ErrorKind.InvalidData, message, Action, inner, target);
    }
}
