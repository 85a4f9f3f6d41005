using System;
using System.Collections.Generic;
using System.Management.Automation.Language;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    internal enum FactKind
    {
        /// <summary>$v = @{ ... } (or [ordered]@{ ... }).</summary>
        AssignHashtable,
        /// <summary>$v = 'literal' (or a parameter's literal default value).</summary>
        AssignLiteral,
        /// <summary>$v = anything else: a command's output, a parameter without a literal default, a loop variable.</summary>
        AssignOther,
        /// <summary>$v.Key = x, $v['Key'] = x, $v.Add('Key', x).</summary>
        SetKey,
        /// <summary>$v.Remove('Key').</summary>
        RemoveKey,
        /// <summary>$v += @{ ... }.</summary>
        AddHashtable,
    }

    internal sealed class VariableFact
    {
        public VariableFact(FactKind kind, ScriptBlockAst scope, int offset, Ast origin)
        {
            Kind = kind;
            Scope = scope;
            Offset = offset;
            Origin = origin;
        }

        public FactKind Kind { get; }
        public ScriptBlockAst Scope { get; }
        public int Offset { get; }
        public Ast Origin { get; }
        public HashtableAst? Hashtable { get; set; }
        public string? Key { get; set; }
        public Ast? Value { get; set; }
        public ExpressionAst? Literal { get; set; }
    }

    internal sealed class SplatEntry
    {
        public SplatEntry(string key, Ast? value, Ast origin)
        {
            Key = key;
            Value = value;
            Origin = origin;
        }

        public string Key { get; }
        public Ast? Value { get; }
        public Ast Origin { get; }
    }

    /// <summary>What a splatted variable holds, as far as the scope's assignments show it.</summary>
    internal sealed class SplatValue
    {
        public SplatValue(IReadOnlyList<SplatEntry> entries, bool complete)
        {
            Entries = entries;
            Complete = complete;
        }

        public IReadOnlyList<SplatEntry> Entries { get; }

        /// <summary>False when only additions were seen and the hashtable itself was built out of sight.</summary>
        public bool Complete { get; }
    }

    /// <summary>
    /// What a script does to its variables, statically: assignments of hashtables and literals, keys added and removed.
    /// Questions are answered for a variable at a point of the script: the scope the point is in is searched first
    /// (assignments before the point), then the enclosing scopes (PowerShell's child scopes read their parents'
    /// variables, and a hashtable is one object wherever it is modified). When nothing is found before the point (a
    /// function defined above the assignment it uses), the same search runs over the whole scope chain.
    /// Not resolved: other files (dot-sourced scripts), values computed at run time, $PSBoundParameters.
    /// </summary>
    internal sealed class VariableFacts
    {
        private readonly Dictionary<string, List<VariableFact>> _facts = new Dictionary<string, List<VariableFact>>(StringComparer.OrdinalIgnoreCase);
        private bool _sorted;

        private void Add(string? name, VariableFact fact)
        {
            if (string.IsNullOrEmpty(name)) return;
            if (!_facts.TryGetValue(name!, out var list)) _facts[name!] = list = new List<VariableFact>();
            list.Add(fact);
            _sorted = false;
        }

        public void OnAssignment(AssignmentStatementAst assignment)
        {
            var scope = Scopes.Of(assignment);
            if (scope == null) return;
            var offset = assignment.Extent.StartOffset;
            var left = assignment.Left;

            if (left is ArrayLiteralAst many)
            {
                foreach (var element in many.Elements)
                    Add(Literals.VariableName(element), new VariableFact(FactKind.AssignOther, scope, offset, assignment));
                return;
            }

            var name = Literals.VariableName(left);
            if (name != null)
            {
                var right = Literals.Unwrap(assignment.Right);
                var hashtable = right as HashtableAst ?? (right as ConvertExpressionAst)?.Child as HashtableAst;
                if (assignment.Operator == TokenKind.Equals)
                {
                    if (hashtable != null)
                        Add(name, new VariableFact(FactKind.AssignHashtable, scope, offset, assignment) { Hashtable = hashtable });
                    else if (Literals.StringAst(assignment.Right) is ExpressionAst literal)
                        Add(name, new VariableFact(FactKind.AssignLiteral, scope, offset, assignment) { Literal = literal });
                    else
                        Add(name, new VariableFact(FactKind.AssignOther, scope, offset, assignment));
                }
                else if (assignment.Operator == TokenKind.PlusEquals && hashtable != null)
                {
                    Add(name, new VariableFact(FactKind.AddHashtable, scope, offset, assignment) { Hashtable = hashtable });
                }
                else
                {
                    Add(name, new VariableFact(FactKind.AssignOther, scope, offset, assignment));
                }
                return;
            }

            // $v.Key = x and $v['Key'] = x
            if (assignment.Operator != TokenKind.Equals) return;
            string? target = null, key = null;
            if (left is MemberExpressionAst member && !member.Static)
            {
                target = Literals.VariableName(member.Expression);
                key = Literals.String(member.Member);
            }
            else if (left is IndexExpressionAst index)
            {
                target = Literals.VariableName(index.Target);
                key = Literals.String(index.Index);
            }
            if (target != null && key != null)
                Add(target, new VariableFact(FactKind.SetKey, scope, offset, left) { Key = key, Value = assignment.Right });
        }

        /// <summary>$v.Add('Key', x) and $v.Remove('Key').</summary>
        public void OnInvokeMember(InvokeMemberExpressionAst invoke)
        {
            if (invoke.Static || invoke.Arguments == null) return;
            var target = Literals.VariableName(invoke.Expression);
            var method = Literals.String(invoke.Member);
            if (target == null || method == null) return;
            var scope = Scopes.Of(invoke);
            if (scope == null) return;
            if (method.Equals("Add", StringComparison.OrdinalIgnoreCase) && invoke.Arguments.Count == 2 && Literals.String(invoke.Arguments[0]) is string key)
                Add(target, new VariableFact(FactKind.SetKey, scope, invoke.Extent.StartOffset, invoke.Arguments[0]) { Key = key, Value = invoke.Arguments[1] });
            else if (method.Equals("Remove", StringComparison.OrdinalIgnoreCase) && invoke.Arguments.Count == 1 && Literals.String(invoke.Arguments[0]) is string removed)
                Add(target, new VariableFact(FactKind.RemoveKey, scope, invoke.Extent.StartOffset, invoke) { Key = removed });
        }

        /// <summary>A parameter is assigned by the caller; only its literal default is known.</summary>
        public void OnParameter(ParameterAst parameter)
        {
            var scope = parameter.Parent is FunctionDefinitionAst function ? function.Body : Scopes.Of(parameter);
            if (scope == null) return;
            var name = Literals.Name(parameter.Name.VariablePath);
            var literal = Literals.StringAst(parameter.DefaultValue);
            // The offset of the scope's start: a parameter is set before anything in the body runs.
            var offset = scope.Extent.StartOffset;
            Add(name, literal != null
                ? new VariableFact(FactKind.AssignLiteral, scope, offset, parameter) { Literal = literal }
                : new VariableFact(FactKind.AssignOther, scope, offset, parameter));
        }

        public void OnForEach(ForEachStatementAst loop)
        {
            var scope = Scopes.Of(loop);
            if (scope != null)
                Add(Literals.Name(loop.Variable.VariablePath), new VariableFact(FactKind.AssignOther, scope, loop.Extent.StartOffset, loop));
        }

        private void EnsureSorted()
        {
            if (_sorted) return;
            foreach (var list in _facts.Values) list.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            _sorted = true;
        }

        /// <summary>The hashtable a splatted variable holds at <paramref name="at"/>; null when the scopes do not show one.</summary>
        public SplatValue? ResolveHashtable(string name, Ast at)
        {
            if (!_facts.TryGetValue(name, out var facts)) return null;
            EnsureSorted();
            var chain = Scopes.Chain(at);
            return ResolveHashtable(facts, chain, at.Extent.StartOffset, ordered: true, out var seen)
                ?? (seen ? null : ResolveHashtable(facts, chain, at.Extent.StartOffset, ordered: false, out _));
        }

        private static SplatValue? ResolveHashtable(List<VariableFact> facts, List<ScriptBlockAst> chain, int offset, bool ordered, out bool seen)
        {
            seen = false;
            var changes = new List<VariableFact>(); // latest first
            VariableFact? origin = null;
            foreach (var scope in chain)
            {
                for (int i = facts.Count - 1; i >= 0 && origin == null; i--)
                {
                    var fact = facts[i];
                    if (!ReferenceEquals(fact.Scope, scope) || (ordered && fact.Offset >= offset)) continue;
                    seen = true;
                    if (fact.Kind == FactKind.SetKey || fact.Kind == FactKind.RemoveKey || fact.Kind == FactKind.AddHashtable) changes.Add(fact);
                    else origin = fact;
                }
                if (origin != null) break;
            }
            if (origin == null && changes.Count == 0) return null;
            if (origin != null && origin.Kind != FactKind.AssignHashtable && changes.Count == 0) return null;

            var entries = new List<SplatEntry>();
            if (origin?.Kind == FactKind.AssignHashtable) AddPairs(entries, origin.Hashtable!);
            for (int i = changes.Count - 1; i >= 0; i--)
            {
                var change = changes[i];
                switch (change.Kind)
                {
                    case FactKind.SetKey:
                        entries.RemoveAll(e => string.Equals(e.Key, change.Key, StringComparison.OrdinalIgnoreCase));
                        entries.Add(new SplatEntry(change.Key!, change.Value, change.Origin));
                        break;
                    case FactKind.RemoveKey:
                        entries.RemoveAll(e => string.Equals(e.Key, change.Key, StringComparison.OrdinalIgnoreCase));
                        break;
                    case FactKind.AddHashtable:
                        AddPairs(entries, change.Hashtable!);
                        break;
                }
            }
            return new SplatValue(entries, complete: origin?.Kind == FactKind.AssignHashtable);
        }

        private static void AddPairs(List<SplatEntry> entries, HashtableAst hashtable)
        {
            foreach (var pair in hashtable.KeyValuePairs)
            {
                var key = Literals.Key(pair.Item1);
                if (key == null) continue;
                entries.RemoveAll(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));
                entries.Add(new SplatEntry(key, pair.Item2, pair.Item1));
            }
        }

        /// <summary>The string literal a variable holds at <paramref name="at"/>, when its last assignment is one.</summary>
        public ExpressionAst? ResolveLiteral(string name, Ast at)
        {
            if (!_facts.TryGetValue(name, out var facts)) return null;
            EnsureSorted();
            var chain = Scopes.Chain(at);
            var origin = LastAssignment(facts, chain, at.Extent.StartOffset, ordered: true)
                ?? LastAssignment(facts, chain, at.Extent.StartOffset, ordered: false);
            return origin?.Kind == FactKind.AssignLiteral ? origin.Literal : null;
        }

        /// <summary>
        /// The expression a variable was last assigned at <paramref name="at"/> (the right side of <c>$v = ...</c>, a
        /// parameter's default value); null when unknown (a loop variable, a multiple assignment, nothing in scope).
        /// </summary>
        public Ast? ResolveValue(string name, Ast at)
        {
            if (!_facts.TryGetValue(name, out var facts)) return null;
            EnsureSorted();
            var chain = Scopes.Chain(at);
            var origin = LastAssignment(facts, chain, at.Extent.StartOffset, ordered: true)
                ?? LastAssignment(facts, chain, at.Extent.StartOffset, ordered: false);
            switch (origin?.Origin)
            {
                case AssignmentStatementAst assignment when assignment.Operator == TokenKind.Equals
                    && string.Equals(Literals.VariableName(assignment.Left), name, StringComparison.OrdinalIgnoreCase):
                    return assignment.Right;
                case ParameterAst parameter:
                    return parameter.DefaultValue;
                default:
                    return null;
            }
        }

        private static VariableFact? LastAssignment(List<VariableFact> facts, List<ScriptBlockAst> chain, int offset, bool ordered)
        {
            foreach (var scope in chain)
            {
                for (int i = facts.Count - 1; i >= 0; i--)
                {
                    var fact = facts[i];
                    if (!ReferenceEquals(fact.Scope, scope) || (ordered && fact.Offset >= offset)) continue;
                    if (fact.Kind == FactKind.AssignHashtable || fact.Kind == FactKind.AssignLiteral || fact.Kind == FactKind.AssignOther) return fact;
                }
            }
            return null;
        }
    }

    /// <summary>PowerShell scopes in the AST: every script block (the file, a function's body, a { } literal) is one.</summary>
    internal static class Scopes
    {
        public static ScriptBlockAst? Of(Ast ast)
        {
            for (var parent = ast.Parent; parent != null; parent = parent.Parent)
                if (parent is ScriptBlockAst block) return block;
            return null;
        }

        public static List<ScriptBlockAst> Chain(Ast ast)
        {
            var chain = new List<ScriptBlockAst>();
            for (var parent = ast.Parent; parent != null; parent = parent.Parent)
                if (parent is ScriptBlockAst block) chain.Add(block);
            return chain;
        }
    }
}
