using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerSecurity.SnapshotGenerator.Common
{
    /// <summary>
    /// The one way generated documents are written: indented by two spaces, "\n" line endings, a final
    /// newline, no BOM, and apostrophes in UPNs left readable (JSON does not require escaping them).
    /// </summary>
    internal static class SnapshotJson
    {
        private static readonly JsonWriterOptions s_options = new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static string Serialize(JsonNode node)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, s_options))
            {
                node.WriteTo(writer);
            }
            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        public static void WriteFile(string path, JsonNode node)
        {
            var full = Path.GetFullPath(path);
            var folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            File.WriteAllText(full, Serialize(node), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        /// <summary>A JSON array of strings.</summary>
        public static JsonArray Strings(params string[] values)
        {
            var array = new JsonArray();
            foreach (var v in values) array.Add(v);
            return array;
        }
    }
}
