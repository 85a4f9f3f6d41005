using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Json
{
    /// <summary>
    /// One JSON object of a Microsoft answer, read strictly: a field the answer must have that is missing or of
    /// the wrong type is an error naming the answer, the item and the field, never a default or a skipped item, so
    /// a malformed answer can never pass for a shorter or emptier one. Numbers are read whether Microsoft sends
    /// them as JSON numbers or as numeric strings (its examples for these APIs show both).
    /// </summary>
    public readonly struct StrictJson
    {
        public StrictJson(JsonElement element, string source, string item)
        {
            Source = source;
            Item = item;
            if (element.ValueKind != JsonValueKind.Object) throw Unreadable(source, $"{item} is not a JSON object ({Describe(element)})");
            Element = element;
        }

        public JsonElement Element { get; }
        /// <summary>Whose answer this is, for errors: "Graph's partner security score".</summary>
        public string Source { get; }
        /// <summary>Which item of it, for errors: "requirement 'mfaEnforcedForAdmins'".</summary>
        public string Item { get; }

        /// <summary>The error for an answer that cannot be read whole.</summary>
        public static PartnerSecurityException Unreadable(string source, string problem) =>
            new PartnerSecurityException("UnreadableAnswer", ErrorKind.InvalidData,
                $"{source} could not be read: {problem}. Nothing from this answer was used, rather than report part of it as the whole.",
                "This is Microsoft's answer, not your data: run the command again later; if it keeps failing, run it with -Verbose and report the request it shows.");

        public PartnerSecurityException Invalid(string name, string expected)
        {
            var found = Element.TryGetProperty(name, out var value) ? Describe(value) : "nothing";
            return Unreadable(Source, $"{Item} has {found} in '{name}' where {expected} was expected");
        }

        public bool Has(string name) => Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

        public string String(string name) => OptionalString(name) ?? throw Invalid(name, "a string");

        public string? OptionalString(string name)
        {
            if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(name, "a string");
        }

        public long Long(string name) => OptionalLong(name) ?? throw Invalid(name, "a whole number");

        public long? OptionalLong(string name)
        {
            if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)) return number;
            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number)) return number;
            throw Invalid(name, "a whole number");
        }

        public double Double(string name) => OptionalDouble(name) ?? throw Invalid(name, "a number");

        public double? OptionalDouble(string name)
        {
            if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && !double.IsNaN(number) && !double.IsInfinity(number)) return number;
            if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
                && !double.IsNaN(number) && !double.IsInfinity(number)) return number;
            throw Invalid(name, "a number");
        }

        public decimal? OptionalDecimal(string name)
        {
            if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)) return number;
            if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return number;
            throw Invalid(name, "a number");
        }

        public bool Bool(string name) => OptionalBool(name) ?? throw Invalid(name, "true or false");

        public bool? OptionalBool(string name)
        {
            if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False) return value.GetBoolean();
            throw Invalid(name, "true or false");
        }

        public DateTimeOffset Date(string name) => OptionalDate(name) ?? throw Invalid(name, "a date and time");

        /// <summary>A date and time; one written without an offset (Partner Center does) is UTC.</summary>
        public DateTimeOffset? OptionalDate(string name)
        {
            var text = OptionalString(name);
            if (text == null) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when)) return when;
            throw Invalid(name, "a date and time");
        }

        public StrictJson Object(string name, string item) =>
            Element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? new StrictJson(value, Source, item) : throw Invalid(name, "an object");

        /// <summary>The objects of an array field (none when it is absent or null); anything but an array of objects is an error.</summary>
        public IReadOnlyList<StrictJson> Objects(string name, string itemLabel)
        {
            var result = new List<StrictJson>();
            if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return result;
            if (value.ValueKind != JsonValueKind.Array) throw Invalid(name, "an array");
            int i = 0;
            foreach (var element in value.EnumerateArray()) result.Add(new StrictJson(element, Source, $"{Item}, {itemLabel} {++i}"));
            return result;
        }

        /// <summary>The string properties of an object field (a name/value bag), in order; none when absent.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> StringPairs(string name)
        {
            var result = new List<KeyValuePair<string, string>>();
            if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return result;
            if (value.ValueKind != JsonValueKind.Object) throw Invalid(name, "an object");
            foreach (var property in value.EnumerateObject())
            {
                if (property.Name.StartsWith("@odata.", StringComparison.Ordinal)) continue;
                result.Add(new KeyValuePair<string, string>(property.Name,
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
            }
            return result;
        }

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => "the string '" + Shorten(value.GetString() ?? string.Empty) + "'",
            JsonValueKind.Number => "the number " + value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "nothing",
        };

        private static string Shorten(string text)
        {
            // Tenant data is hostile: no control characters, and not too much of it, in an error message.
            var clean = new System.Text.StringBuilder();
            foreach (var c in text.Length > 60 ? text.Substring(0, 60) + "..." : text) clean.Append(char.IsControl(c) ? '?' : c);
            return clean.ToString();
        }
    }
}
