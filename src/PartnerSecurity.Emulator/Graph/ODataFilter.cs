using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>
    /// The subset of OData $filter that Graph endpoints document: comparisons (eq, ne, gt, ge, lt, le), in,
    /// and/or/not, parentheses, startswith/endswith, and any/all lambdas over collections. Parsed once into a
    /// tree, checked against the endpoint's <see cref="FilterSupport"/>, then evaluated per object.
    /// </summary>
    public abstract class FilterNode
    {
        public abstract bool Evaluate(JsonObject item, IReadOnlyDictionary<string, JsonNode?> variables);
        public abstract IEnumerable<(string Property, string Operation)> Uses();
    }

    public static class ODataFilter
    {
        public static FilterNode Parse(string text) => new Parser(text, null).ParseAll();

        /// <summary>As <see cref="Parse(string)"/>; "eq"/"ne" on the <paramref name="caseSensitive"/> properties compare strings exactly.</summary>
        public static FilterNode Parse(string text, ISet<string>? caseSensitive) => new Parser(text, caseSensitive).ParseAll();

        // ------------------------------------------------------------------ nodes

        internal sealed class Logical : FilterNode
        {
            public Logical(string op, FilterNode left, FilterNode right) { Op = op; Left = left; Right = right; }
            public string Op { get; }
            public FilterNode Left { get; }
            public FilterNode Right { get; }
            public override bool Evaluate(JsonObject item, IReadOnlyDictionary<string, JsonNode?> v) =>
                Op == "and" ? Left.Evaluate(item, v) && Right.Evaluate(item, v) : Left.Evaluate(item, v) || Right.Evaluate(item, v);
            public override IEnumerable<(string, string)> Uses() => Left.Uses().Concat(Right.Uses()).Append(("", Op));
        }

        internal sealed class Not : FilterNode
        {
            public Not(FilterNode inner) => Inner = inner;
            public FilterNode Inner { get; }
            public override bool Evaluate(JsonObject item, IReadOnlyDictionary<string, JsonNode?> v) => !Inner.Evaluate(item, v);
            public override IEnumerable<(string, string)> Uses() => Inner.Uses().Append(("", "not"));
        }

        internal sealed class Comparison : FilterNode
        {
            public Comparison(string op, Operand left, Operand right, bool caseSensitive = false) { Op = op; Left = left; Right = right; CaseSensitive = caseSensitive; }
            public string Op { get; }
            public bool CaseSensitive { get; }
            public Operand Left { get; }
            public Operand Right { get; }

            public override bool Evaluate(JsonObject item, IReadOnlyDictionary<string, JsonNode?> v)
            {
                int? order = Compare(Left.Value(item, v), Right.Value(item, v), out bool equal, CaseSensitive);
                switch (Op)
                {
                    case "eq": return equal;
                    case "ne": return !equal;
                    case "gt": return order > 0;
                    case "ge": return order >= 0;
                    case "lt": return order < 0;
                    case "le": return order <= 0;
                    default: return false;
                }
            }

            public override IEnumerable<(string, string)> Uses()
            {
                if (Left.Path != null && Left.Variable == null) yield return (Left.Path, Op);
                if (Right.Path != null && Right.Variable == null) yield return (Right.Path, Op);
            }
        }

        internal sealed class Function : FilterNode
        {
            public Function(string name, Operand target, Operand argument) { Name = name; Target = target; Argument = argument; }
            public string Name { get; }
            public Operand Target { get; }
            public Operand Argument { get; }

            public override bool Evaluate(JsonObject item, IReadOnlyDictionary<string, JsonNode?> v)
            {
                var value = AsString(Target.Value(item, v));
                var prefix = AsString(Argument.Value(item, v));
                if (value == null || prefix == null) return false;
                return Name == "startswith"
                    ? value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    : value.EndsWith(prefix, StringComparison.OrdinalIgnoreCase);
            }

            public override IEnumerable<(string, string)> Uses()
            {
                if (Target.Path != null && Target.Variable == null) yield return (Target.Path, Name);
            }
        }

        internal sealed class Lambda : FilterNode
        {
            public Lambda(string collection, string kind, string variable, FilterNode body) { Collection = collection; Kind = kind; Variable = variable; Body = body; }
            public string Collection { get; }
            public string Kind { get; }
            public string Variable { get; }
            public FilterNode Body { get; }

            public override bool Evaluate(JsonObject item, IReadOnlyDictionary<string, JsonNode?> v)
            {
                var items = Navigate(item, Collection) as JsonArray;
                if (items == null) return Kind == "all";
                bool Test(JsonNode? element)
                {
                    var scope = new Dictionary<string, JsonNode?>(v.ToDictionary(p => p.Key, p => p.Value)) { [Variable] = element };
                    return Body.Evaluate(item, scope);
                }
                return Kind == "any" ? items.Any(Test) : items.All(Test);
            }

            public override IEnumerable<(string, string)> Uses() => new[] { (Collection, Kind) };
        }

        /// <summary>"property in (literal, ...)": equal to any of the literals.</summary>
        internal sealed class InList : FilterNode
        {
            public InList(Operand target, IReadOnlyList<Operand> values) { Target = target; Values = values; }
            public Operand Target { get; }
            public IReadOnlyList<Operand> Values { get; }

            public override bool Evaluate(JsonObject item, IReadOnlyDictionary<string, JsonNode?> v)
            {
                var value = Target.Value(item, v);
                foreach (var candidate in Values)
                {
                    Compare(value, candidate.Value(item, v), out bool equal);
                    if (equal) return true;
                }
                return false;
            }

            public override IEnumerable<(string, string)> Uses()
            {
                if (Target.Path != null && Target.Variable == null) yield return (Target.Path, "in");
            }
        }

        /// <summary>A literal, a property path, or a lambda variable (optionally with a sub-path).</summary>
        internal sealed class Operand
        {
            public JsonNode? Literal { get; set; }
            public bool IsLiteral { get; set; }
            public string? Path { get; set; }
            public string? Variable { get; set; }

            public JsonNode? Value(JsonObject item, IReadOnlyDictionary<string, JsonNode?> variables)
            {
                if (IsLiteral) return Literal;
                if (Variable != null)
                {
                    variables.TryGetValue(Variable, out var bound);
                    if (Path == null) return bound;
                    return bound is JsonObject obj ? Navigate(obj, Path) : null;
                }
                return Navigate(item, Path!);
            }
        }

        public static JsonNode? Navigate(JsonObject item, string path)
        {
            JsonNode? current = item;
            foreach (var segment in path.Split('/'))
            {
                if (current is not JsonObject obj) return null;
                current = obj.FirstOrDefault(p => string.Equals(p.Key, segment, StringComparison.OrdinalIgnoreCase)).Value;
            }
            return current;
        }

        private static string? AsString(JsonNode? node) =>
            node is JsonValue value && value.TryGetValue(out string? s) ? s : node?.ToJsonString();

        /// <summary>Compares like Graph: strings case-insensitively, ISO dates as instants, numbers and booleans by value.</summary>
        private static int? Compare(JsonNode? left, JsonNode? right, out bool equal, bool caseSensitive = false)
        {
            if (left == null || right == null)
            {
                equal = left == null && right == null;
                return null;
            }
            if (left is JsonValue lv && right is JsonValue rv)
            {
                if (lv.TryGetValue(out bool lb) && rv.TryGetValue(out bool rb)) { equal = lb == rb; return lb.CompareTo(rb); }
                if (TryNumber(lv, out var ln) && TryNumber(rv, out var rn)) { equal = ln == rn; return ln.CompareTo(rn); }
                var ls = AsString(lv)!;
                var rs = AsString(rv)!;
                if (TryDate(ls, out var ld) && TryDate(rs, out var rd)) { equal = ld == rd; return ld.CompareTo(rd); }
                var comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
                equal = string.Equals(ls, rs, comparison);
                return string.Compare(ls, rs, comparison);
            }
            equal = false;
            return null;
        }

        private static bool TryNumber(JsonValue value, out double number)
        {
            if (value.TryGetValue(out double d)) { number = d; return true; }
            if (value.TryGetValue(out long l)) { number = l; return true; }
            if (value.TryGetValue(out int i)) { number = i; return true; }
            number = 0;
            return false;
        }

        private static bool TryDate(string text, out DateTimeOffset date) =>
            text.Length >= 10 && char.IsDigit(text[0]) && text.Contains("-") &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

        // ------------------------------------------------------------------ parser

        private sealed class Parser
        {
            private readonly List<string> _tokens;
            private int _position;
            private readonly Stack<string> _variables = new Stack<string>();
            private readonly string _text;
            private readonly ISet<string>? _caseSensitive;

            public Parser(string text, ISet<string>? caseSensitive)
            {
                _text = text;
                _caseSensitive = caseSensitive;
                _tokens = Tokenize(text);
            }

            public FilterNode ParseAll()
            {
                var node = ParseOr();
                if (_position < _tokens.Count) throw Invalid($"unexpected '{_tokens[_position]}'");
                return node;
            }

            private GraphException Invalid(string why) =>
                GraphException.BadRequest($"Invalid filter clause: {why} in '{_text}'.");

            private string? Peek => _position < _tokens.Count ? _tokens[_position] : null;
            private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw Invalid("unexpected end of the expression");
            private bool Accept(string token)
            {
                if (string.Equals(Peek, token, StringComparison.OrdinalIgnoreCase)) { _position++; return true; }
                return false;
            }
            private void Expect(string token)
            {
                if (!Accept(token)) throw Invalid($"expected '{token}'");
            }

            private FilterNode ParseOr()
            {
                var left = ParseAnd();
                while (Accept("or")) left = new Logical("or", left, ParseAnd());
                return left;
            }

            private FilterNode ParseAnd()
            {
                var left = ParseUnary();
                while (Accept("and")) left = new Logical("and", left, ParseUnary());
                return left;
            }

            private FilterNode ParseUnary()
            {
                if (Accept("not")) return new Not(ParseUnary());
                if (Accept("("))
                {
                    var inner = ParseOr();
                    Expect(")");
                    return inner;
                }
                var first = Peek ?? throw Invalid("unexpected end of the expression");
                var lower = first.ToLowerInvariant();
                if ((lower == "startswith" || lower == "endswith") && _position + 1 < _tokens.Count && _tokens[_position + 1] == "(")
                {
                    _position += 2;
                    var target = ParseOperand();
                    Expect(",");
                    var argument = ParseOperand();
                    Expect(")");
                    var call = new Function(lower, target, argument);
                    // "startswith(x,'a') eq true" is also valid OData.
                    if (Accept("eq")) return Accept("true") ? call : Accept("false") ? (FilterNode)new Not(call) : throw Invalid("expected true or false");
                    return call;
                }
                if (IsIdentifier(first) && (first.EndsWith("/any", StringComparison.OrdinalIgnoreCase) || first.EndsWith("/all", StringComparison.OrdinalIgnoreCase))
                    && _position + 1 < _tokens.Count && _tokens[_position + 1] == "(")
                {
                    _position += 2;
                    var collection = first.Substring(0, first.Length - 4);
                    var kind = first.Substring(first.Length - 3).ToLowerInvariant();
                    var variable = Next();
                    if (!IsIdentifier(variable)) throw Invalid("expected a lambda variable");
                    Expect(":");
                    _variables.Push(variable);
                    var body = ParseOr();
                    _variables.Pop();
                    Expect(")");
                    return new Lambda(collection, kind, variable, body);
                }
                var left = ParseOperand();
                var op = Next().ToLowerInvariant();
                if (op == "in")
                {
                    // property in ('a', 'b', ...)
                    Expect("(");
                    var values = new List<Operand> { ParseOperand() };
                    while (Accept(",")) values.Add(ParseOperand());
                    Expect(")");
                    if (values.Any(v => !v.IsLiteral)) throw Invalid("'in' takes a list of literals");
                    return new InList(left, values);
                }
                if (op != "eq" && op != "ne" && op != "gt" && op != "ge" && op != "lt" && op != "le")
                    throw Invalid($"'{op}' is not a supported operator");
                var right = ParseOperand();
                bool exact = _caseSensitive != null && (op == "eq" || op == "ne")
                    && ((left.Path != null && left.Variable == null && _caseSensitive.Contains(left.Path)) || (right.Path != null && right.Variable == null && _caseSensitive.Contains(right.Path)));
                return new Comparison(op, left, right, exact);
            }

            private Operand ParseOperand()
            {
                var token = Next();
                if (token.StartsWith("'", StringComparison.Ordinal))
                    return new Operand { IsLiteral = true, Literal = JsonValue.Create(token.Substring(1, token.Length - 2).Replace("''", "'")) };
                var lower = token.ToLowerInvariant();
                if (lower == "true" || lower == "false") return new Operand { IsLiteral = true, Literal = JsonValue.Create(lower == "true") };
                if (lower == "null") return new Operand { IsLiteral = true, Literal = null };
                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !token.Contains("-") && !token.Contains(":"))
                    return new Operand { IsLiteral = true, Literal = JsonValue.Create(number) };
                if (char.IsDigit(token[0]) || Guid.TryParse(token, out _))
                    return new Operand { IsLiteral = true, Literal = JsonValue.Create(token) };
                if (!IsIdentifier(token)) throw Invalid($"unexpected '{token}'");
                var head = token.Split('/')[0];
                if (_variables.Contains(head))
                    return new Operand { Variable = head, Path = token.Length > head.Length ? token.Substring(head.Length + 1) : null };
                return new Operand { Path = token };
            }

            private static bool IsIdentifier(string token) => token.Length > 0 && (char.IsLetter(token[0]) || token[0] == '_' || token[0] == '@');

            private List<string> Tokenize(string text)
            {
                var tokens = new List<string>();
                int i = 0;
                while (i < text.Length)
                {
                    char c = text[i];
                    if (char.IsWhiteSpace(c)) { i++; continue; }
                    if (c == '(' || c == ')' || c == ',' || c == ':') { tokens.Add(c.ToString()); i++; continue; }
                    if (c == '\'')
                    {
                        var builder = new StringBuilder("'");
                        i++;
                        while (true)
                        {
                            if (i >= text.Length) throw Invalid("unterminated string literal");
                            if (text[i] == '\'')
                            {
                                if (i + 1 < text.Length && text[i + 1] == '\'') { builder.Append("''"); i += 2; continue; }
                                i++;
                                break;
                            }
                            builder.Append(text[i++]);
                        }
                        tokens.Add(builder.Append('\'').ToString());
                        continue;
                    }
                    int start = i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]) && "(),:'".IndexOf(text[i]) < 0) i++;
                    // A date-time literal such as 2024-05-01T10:00:00Z contains colons: keep it whole.
                    while (i < text.Length && text[i] == ':' && start < i && char.IsDigit(text[start]))
                    {
                        i++;
                        while (i < text.Length && !char.IsWhiteSpace(text[i]) && "(),'".IndexOf(text[i]) < 0 && text[i] != ':') i++;
                    }
                    tokens.Add(text.Substring(start, i - start));
                }
                return tokens;
            }
        }
    }
}
