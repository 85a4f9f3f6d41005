using System;
using System.Collections.Generic;
using System.Management.Automation.Language;
using System.Threading;

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
        private readonly HashSet<string> _functions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private Dictionary<string, List<VariableExpressionAst>>? _uses;

        public FileAnalysis(string path, string text, ScriptBlockAst root, Token[] tokens, CancellationToken cancellationToken = default)
        {
            Path = path;
            Source = new SourceText(text);
            Root = root;
            Tokens = tokens;
            CancellationToken = cancellationToken;
            Collect();
        }

        /// <summary>Checked by the walk and the rules, so a cancelled scan of a large file stops soon after its parse.</summary>
        public CancellationToken CancellationToken { get; }

        /// <summary>The encoding the text was read in, carried to every finding.</summary>
        public string Encoding { get; set; } = string.Empty;

        /// <summary>True when the parser reported a syntax error: findings come from its partial tree and are marked.</summary>
        public bool HasParseErrors { get; set; }

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
            int visited = 0;
            Root.FindAll(node =>
            {
                if ((++visited & 1023) == 0) CancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case CommandAst command:
                        var spec = KnownCommands.Find(command.GetCommandName());
                        if (spec != null) KnownCalls.Add((command, spec));
                        break;
                    case FunctionDefinitionAst function:
                        _functions.Add(Unscoped(function.Name));
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
            // A script's own function named like a module's cmdlet is what its calls run: they are not the module's. A
            // module-qualified call (MSOnline\Connect-MsolService) still is.
            if (_functions.Count > 0) KnownCalls.RemoveAll(call => IsOwnFunction(call.Ast.GetCommandName()));
        }

        private bool IsOwnFunction(string? name) =>
            name != null && name.IndexOf('\\') < 0 && _functions.Contains(name);

        private static string Unscoped(string name)
        {
            int colon = name.IndexOf(':');
            return colon > 0 ? name.Substring(colon + 1) : name;
        }

        /// <summary>Every reference to a variable in the file (assignments' targets included), in file order.</summary>
        public IReadOnlyList<VariableExpressionAst> UsesOf(string name)
        {
            // Built on first use: only a secret written in the script is followed through variables, and most files have none.
            if (_uses == null)
            {
                _uses = new Dictionary<string, List<VariableExpressionAst>>(StringComparer.OrdinalIgnoreCase);
                foreach (VariableExpressionAst variable in Root.FindAll(node => node is VariableExpressionAst, searchNestedScriptBlocks: true))
                {
                    var key = Literals.Name(variable.VariablePath);
                    if (!_uses.TryGetValue(key, out var list)) _uses[key] = list = new List<VariableExpressionAst>();
                    list.Add(variable);
                }
            }
            return _uses.TryGetValue(name, out var uses) ? uses : (IReadOnlyList<VariableExpressionAst>)Array.Empty<VariableExpressionAst>();
        }

        /// <summary>True when the file says <c>using namespace</c> for <paramref name="ns"/>, so short type names resolve in it.</summary>
        public bool UsesNamespace(string ns)
        {
            foreach (var statement in Usings)
                if (statement.UsingStatementKind == UsingStatementKind.Namespace && string.Equals(statement.Name?.Value, ns, StringComparison.OrdinalIgnoreCase))
                    return true;
            return false;
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

        public void Report(IScriptExtent at, FindingKind kind, string command, string module, string recommendation, FindingSeverity? severity = null) =>
            _findings.Add(new RawFinding(at.StartLineNumber, at.StartColumnNumber, kind, command, module, recommendation, severity ?? Severities.Of(kind)));

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
                    finding.Severity, Source.Snippet(finding.Line), finding.Recommendation, Encoding, HasParseErrors));
            }
            return result;
        }

        /// <summary>
        /// The HTTP call a request body or URL is built for: the command it is an argument of, or the Invoke-RestMethod /
        /// Invoke-WebRequest call that uses the variable it is assigned to.
        /// </summary>
        public HttpCall HttpCallFor(Ast node, string? variable = null)
        {
            for (var parent = node.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is CommandAst command)
                {
                    var spec = KnownCommands.Find(command.GetCommandName());
                    if (spec != null && IsOwnFunction(command.GetCommandName())) spec = null;
                    return spec != null ? new HttpCall(spec.Name, spec.Module, command, spec) : new HttpCall(command.GetCommandName() ?? string.Empty, string.Empty, null, null);
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
            if (variable == null) return HttpCall.None;
            HttpCall? fallback = null;
            foreach (var call in KnownCalls)
            {
                CancellationToken.ThrowIfCancellationRequested();
                if (call.Spec.Role != CommandRole.Http || !Uses(call.Ast, variable)) continue;
                var found = new HttpCall(call.Spec.Name, call.Spec.Module, call.Ast, call.Spec);
                if (call.Ast.Extent.StartOffset > node.Extent.StartOffset) return found;
                fallback ??= found;
            }
            return fallback ?? HttpCall.None;
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
            public RawFinding(int line, int column, FindingKind kind, string command, string module, string recommendation, FindingSeverity severity)
            {
                Severity = severity;
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
            public FindingSeverity Severity { get; }
        }
    }

    /// <summary>The HTTP call a request is sent with, as far as the scanner can tell.</summary>
    internal sealed class HttpCall
    {
        public static readonly HttpCall None = new HttpCall(string.Empty, string.Empty, null, null);

        public HttpCall(string command, string module, CommandAst? ast, CommandSpec? spec)
        {
            Command = command;
            Module = module;
            Ast = ast;
            Spec = spec;
        }

        public string Command { get; }
        public string Module { get; }

        /// <summary>The call, when it is a known HTTP command (its -Uri can be read).</summary>
        public CommandAst? Ast { get; }
        public CommandSpec? Spec { get; }
    }

    /// <summary>The severity of each kind of finding (docs/migrating-to-sam.md explains the levels).</summary>
    internal static class Severities
    {
        public static FindingSeverity Of(FindingKind kind) => kind switch
        {
            FindingKind.PasswordGrant => FindingSeverity.High,
            FindingKind.PlainTextPassword => FindingSeverity.High,
            FindingKind.PlainTextSecret => FindingSeverity.High,
            FindingKind.BasicAuthRemoting => FindingSeverity.High,
            FindingKind.UserCredential => FindingSeverity.Medium,
            _ => FindingSeverity.Low,
        };
    }
}
