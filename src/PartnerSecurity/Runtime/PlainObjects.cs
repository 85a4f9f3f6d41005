using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// Unwraps PowerShell objects (ConvertFrom-Json's PSCustomObject, hashtables, Graph PowerShell's model objects) into
    /// plain dictionaries, lists, strings, numbers and booleans, which the core reads without knowing PowerShell.
    /// </summary>
    internal static class PlainObjects
    {
        private const int MaxDepth = 32;

        public static object? From(object? value) => From(value, 0);

        private static object? From(object? value, int depth)
        {
            if (depth > MaxDepth) throw new ArgumentException($"The object is nested more than {MaxDepth} levels deep (or refers to itself).");
            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject) return Properties(wrapped, depth);
                value = wrapped.BaseObject;
            }
            switch (value)
            {
                case null: return null;
                case string text: return text;
                case char c: return c.ToString();
                case bool b: return b;
                case Enum e: return e.ToString();
                case Guid g: return g.ToString();
                case DateTime d: return d.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset d: return d.ToString("o", CultureInfo.InvariantCulture);
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                case float _: case double _: case decimal _:
                    return value;
                case IDictionary dictionary:
                {
                    var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary) result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = From(entry.Value, depth + 1);
                    return result;
                }
                case IEnumerable items:
                {
                    var result = new List<object?>();
                    foreach (var item in items) result.Add(From(item, depth + 1));
                    return result;
                }
                default:
                    return Properties(PSObject.AsPSObject(value), depth);
            }
        }

        private static Dictionary<string, object?> Properties(PSObject value, int depth)
        {
            var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in value.Properties)
            {
                // Graph SDK models keep their state in a backing store as well as in their properties.
                if (!property.IsGettable || property.Name == "BackingStore") continue;
                object? item;
                try { item = property.Value; }
                catch (GetValueException) { continue; }
                result[property.Name] = From(item, depth + 1);
            }
            return result;
        }
    }
}
