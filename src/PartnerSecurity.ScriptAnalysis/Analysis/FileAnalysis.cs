using System;
using System.Collections.Generic;
using System.Management.Automation.Language;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>
    /// One parsed script while the rules look at it: the nodes they need, gathered in one walk of the AST (nested
    /// script blocks and functions included), the variable facts, the source text for snippets, and the findings.
    /// </summary>
    internal sealed class FileAnalysis
    {
        private static readonly HashSet<string> s_secretKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "password", "passwd", "pwd", "client_secret", "clientsecret", "secret", "refresh_token", "appsecret",
        };

        private readonly List<RawFinding> _findings = new List<RawFinding>();
        private readonly Dictionary<CommandAst, BoundCommand> _bound = new Dictionary<CommandAst, BoundCommand>();

        public FileAnalysis(string path, string text, ScriptBlockAst root, Token[] tokens)
        {
            Path = path;
            Source = new SourceText(text);
            Root = root;
            Tokens = tokens;
            Collect();
        }

        public string Path { get; }
        public SourceText Source { get; }
        public ScriptBlockAst Root { get; }
        public Token[] Tokens { get; }
        public VariableFacts Facts { get; } = new VariableFacts();

        /// <summary>Calls of commands the scanner knows, with their spec.</summary>
        public List<(CommandAst Ast, CommandSpec Spec)> KnownCalls { get; } = new List<(CommandAst, CommandSpec)>();
        public List<HashtableAst> Hashtables { get; } = new List<HashtableAst>();
        public List<AssignmentStatementAst> Assignments { get; } = new List<AssignmentStatementAst>();
        public List<InvokeMemberExpressionAst> Invocations { get; } = new List<InvokeMemberExpressionAst>();
        public List<ExpressionAst> Strings { get; } = new List<ExpressionAst>();
        public List<UsingStatementAst> Usings { get; } = new List<UsingStatementAst>();

        private void Collect()
        {
            Root.FindAll(node =>
            {
                switch (node)
                {
                    case CommandAst command:
                        var spec = KnownCommands.Find(command.GetCommandName());
                        if (spec != null) KnownCalls.Add((command, spec));
                        break;
                    case HashtableAst hashtable:
                        Hashtables.Add(hashtable);
                        break;
                    case AssignmentStatementAst assignment:
                        Assignments.Add(assignment);
                        Facts.OnAssignment(assignment);
                        break;
                    case InvokeMemberExpressionAst invoke:
                        Invocations.Add(invoke);
                        Facts.OnInvokeMember(invoke);
                        break;
                    case StringConstantExpressionAst constant when constant.StringConstantType != StringConstantType.BareWord:
                        Strings.Add(constant);
                        break;
                    case ExpandableStringExpressionAst expandable:
                        Strings.Add(expandable);
                        break;
                    case ParameterAst parameter:
                        Facts.OnParameter(parameter);
                        break;
                    case ForEachStatementAst loop:
                        Facts.OnForEach(loop);
                        break;
                    case UsingStatementAst usingStatement:
                        Usings.Add(usingStatement);
                        break;
                }
                return false;
            }, searchNestedScriptBlocks: true);
        }

        public BoundCommand Bind(CommandAst command, CommandSpec spec)
        {
            if (!_bound.TryGetValue(command, out var bound)) _bound[command] = bound = CommandBinder.Bind(command, spec, Facts);
            return bound;
        }

        /// <summary>The string literal an argument is, or the literal its variable was last assigned in scope.</summary>
        public ExpressionAst? LiteralOf(Ast? value, Ast at)
        {
            var literal = Literals.StringAst(value);
            if (literal != null) return literal;
            var name = Literals.VariableName(Literals.Unwrap(value));
            return name == null ? null : Facts.ResolveLiteral(name, at);
        }

        public void Secret(Ast literal) => Source.AddSecret(literal.Extent.StartOffset, literal.Extent.EndOffset, "'***'");

        public void Report(IScriptExtent at, FindingKind kind, string command, string module, string recommendation) =>
            _findings.Add(new RawFinding(at.StartLineNumber, at.StartColumnNumber, kind, command, module, recommendation));

        /// <summary>Masks what looks like a secret wherever it could land in a snippet, whether or not a rule fired on it.</summary>
        public void MaskSecrets()
        {
            foreach (var hashtable in Hashtables)
            {
                foreach (var pair in hashtable.KeyValuePairs)
                {
                    var key = Literals.Key(pair.Item1);
                    if (key != null && s_secretKeys.Contains(key) && Literals.StringAst(pair.Item2) is ExpressionAst value) Secret(value);
                }
            }
            foreach (var assignment in Assignments)
            {
                var name = Literals.VariableName(assignment.Left);
                if (name == null || !LooksSecret(name)) continue;
                if (Literals.StringAst(assignment.Right) is ExpressionAst value) Secret(value);
            }
            foreach (var literal in Strings)
            {
                var start = literal.Extent.StartOffset;
                FormBodies.FindSecrets(literal.Extent.Text, (from, to) => Source.AddSecret(start + from, start + to));
            }
        }

        private static bool LooksSecret(string name) =>
            name.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("passwd", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("secret", StringComparison.OrdinalIgnoreCase) >= 0 || name.Equals("pwd", StringComparison.OrdinalIgnoreCase)
            || name.Equals("pw", StringComparison.OrdinalIgnoreCase) || name.Equals("pass", StringComparison.OrdinalIgnoreCase);

        /// <summary>The findings in line order, one per place and kind, with their (masked) snippets.</summary>
        public IReadOnlyList<CredentialUsageFinding> Findings()
        {
            if (_findings.Count == 0) return Array.Empty<CredentialUsageFinding>();
            MaskSecrets();
            _findings.Sort((a, b) =>
            {
                int c = a.Line.CompareTo(b.Line);
                if (c == 0) c = a.Column.CompareTo(b.Column);
                if (c == 0) c = a.Kind.CompareTo(b.Kind);
                if (c == 0) c = string.CompareOrdinal(a.Module, b.Module);
                return c;
            });
            var result = new List<CredentialUsageFinding>(_findings.Count);
            RawFinding? previous = null;
            foreach (var finding in _findings)
            {
                if (previous != null && previous.Line == finding.Line && previous.Column == finding.Column && previous.Kind == finding.Kind
                    && previous.Module == finding.Module) continue;
                previous = finding;
                result.Add(new CredentialUsageFinding(Path, finding.Line, finding.Column, finding.Kind, finding.Command, finding.Module,
                    Severities.Of(finding.Kind), Source.Snippet(finding.Line), finding.Recommendation));
            }
            return result;
        }

        /// <summary>
        /// The HTTP call a request body or URL is built for: the command it is an argument of, or the Invoke-RestMethod /
        /// Invoke-WebRequest call that uses the variable it is assigned to.
        /// </summary>
        public (string Command, string Module) HttpCallFor(Ast node, string? variable = null)
        {
            for (var parent = node.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is CommandAst command)
                {
                    var spec = KnownCommands.Find(command.GetCommandName());
                    return spec != null ? (spec.Name, spec.Module) : (command.GetCommandName() ?? string.Empty, string.Empty);
                }
                if (variable == null && parent is AssignmentStatementAst assignment)
                {
                    variable = Literals.VariableName(assignment.Left)
                        ?? (assignment.Left is MemberExpressionAst member ? Literals.VariableName(member.Expression) : null)
                        ?? (assignment.Left is IndexExpressionAst index ? Literals.VariableName(index.Target) : null);
                    break;
                }
                if (parent is ScriptBlockAst || parent is StatementBlockAst) break;
            }
            if (variable == null) return (string.Empty, string.Empty);
            (string, string)? fallback = null;
            foreach (var call in KnownCalls)
            {
                if (call.Spec.Role != CommandRole.Http || !Uses(call.Ast, variable)) continue;
                if (call.Ast.Extent.StartOffset > node.Extent.StartOffset) return (call.Spec.Name, call.Spec.Module);
                fallback ??= (call.Spec.Name, call.Spec.Module);
            }
            return fallback ?? (string.Empty, string.Empty);
        }

        private static bool Uses(CommandAst command, string variable)
        {
            for (int i = 1; i < command.CommandElements.Count; i++)
            {
                if (command.CommandElements[i].Find(a => a is VariableExpressionAst v
                        && string.Equals(Literals.Name(v.VariablePath), variable, StringComparison.OrdinalIgnoreCase), true) != null)
                    return true;
            }
            return false;
        }

        private sealed class RawFinding
        {
            public RawFinding(int line, int column, FindingKind kind, string command, string module, string recommendation)
            {
                Line = line;
                Column = column;
                Kind = kind;
                Command = command;
                Module = module;
                Recommendation = recommendation;
            }

            public int Line { get; }
            public int Column { get; }
            public FindingKind Kind { get; }
            public string Command { get; }
            public string Module { get; }
            public string Recommendation { get; }
        }
    }

    /// <summary>The severity of each kind of finding (docs/migrating-to-sam.md explains the levels).</summary>
    internal static class Severities
    {
        public static FindingSeverity Of(FindingKind kind) => kind switch
        {
            FindingKind.PasswordGrant => FindingSeverity.High,
            FindingKind.PlainTextPassword => FindingSeverity.High,
            FindingKind.BasicAuthRemoting => FindingSeverity.High,
            FindingKind.UserCredential => FindingSeverity.Medium,
            _ => FindingSeverity.Low,
        };
    }
}
