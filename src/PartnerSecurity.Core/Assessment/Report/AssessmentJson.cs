using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Output;

namespace PartnerSecurity.Assessment.Report
{
    /// <summary>
    /// The assessment as JSON: the full object graph under the properties' own names (as ConvertTo-Json and the objects
    /// have them), enums by name, tenants in the report's order: two runs diff line by line. Read back for one report from
    /// several -Shard jobs, and by Compare-PartnerSecurityAssessment.
    /// </summary>
    public static class AssessmentJson
    {
        public const string Schema = "PartnerSecurity.Assessment/1";

        private static JsonSerializerOptions Options()
        {
            var options = new JsonSerializerOptions
            {
                WriteIndented = true,
                // Tenant text stays as it is (escaped by the HTML and CSV writers, not here), but never as raw HTML.
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default,
            };
            options.Converters.Add(new JsonStringEnumConverter());
            options.Converters.Add(new ListConverter<RequirementResult, JoinedList<RequirementResult>>(items => new JoinedList<RequirementResult>(items)));
            options.Converters.Add(new ListConverter<AssessedUser, JoinedList<AssessedUser>>(items => new JoinedList<AssessedUser>(items)));
            options.Converters.Add(new ListConverter<string, TextList>(items => new TextList(items)));
            return options;
        }

        private sealed class Document
        {
            public string Schema { get; set; } = AssessmentJson.Schema;
            public string ModuleVersion { get; set; } = string.Empty;
            public DateTimeOffset GeneratedAt { get; set; }
            public List<TenantAssessment> Tenants { get; set; } = new List<TenantAssessment>();
        }

        public static string Write(AssessmentReport report) =>
            JsonSerializer.Serialize(new Document { ModuleVersion = report.ModuleVersion, GeneratedAt = report.GeneratedAt, Tenants = report.Tenants.ToList() }, Options());

        /// <summary>The tenants of an assessment file written by <see cref="Write"/>; anything else is an error naming the file.</summary>
        public static IReadOnlyList<TenantAssessment> Read(string text, string source)
        {
            Document? document;
            try
            {
                document = JsonSerializer.Deserialize<Document>(text, Options());
            }
            catch (JsonException ex)
            {
                throw Unreadable(source, ex.Message, ex);
            }
            if (document == null || document.Schema != Schema)
                throw Unreadable(source, $"it is not an assessment written by Export-PartnerSecurityReport -Format Json (schema '{document?.Schema}', expected '{Schema}')", null);
            if (document.Tenants.Any(t => t == null || string.IsNullOrEmpty(t.TenantId)))
                throw Unreadable(source, "a tenant has no TenantId", null);
            return document.Tenants;
        }

        private static PartnerSecurityException Unreadable(string source, string why, Exception? inner) =>
            new PartnerSecurityException("AssessmentFileUnreadable", ErrorKind.InvalidData, $"The assessment file '{source}' cannot be read: {why}.",
                "Give JSON files written by Export-PartnerSecurityReport -Format Json (one per -Shard job).", inner, source);

        /// <summary>JoinedList and TextList as JSON arrays (they have no parameterless constructor to deserialize into).</summary>
        private sealed class ListConverter<T, TList> : JsonConverter<TList> where TList : IReadOnlyList<T>
        {
            private readonly Func<IEnumerable<T>, TList> _create;
            public ListConverter(Func<IEnumerable<T>, TList> create) => _create = create;

            public override TList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                _create(JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? throw new JsonException("a list is null"));

            public override void Write(Utf8JsonWriter writer, TList value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, value.ToList(), options);
        }
    }
}
