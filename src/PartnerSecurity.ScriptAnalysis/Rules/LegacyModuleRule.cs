using System;
using System.Collections.Generic;
using System.Management.Automation.Language;
using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis.Rules
{
    /// <summary>
    /// LegacyModule: a dependency on MSOnline, AzureAD, AzureADPreview or AzureRM (and its AzureRM.* modules) through
    /// Import-Module (names, paths, -FullyQualifiedName hashtables), #Requires -Modules, using module, or a module
    /// manifest's RequiredModules.
    /// </summary>
    internal static class LegacyModuleRule
    {
        public static void Apply(FileAnalysis file)
        {
            foreach (var (command, spec) in file.KnownCalls)
            {
                if (spec.Role != CommandRole.ImportModule) continue;
                var bound = file.Bind(command, spec);
                var names = new List<string>();
                AddReferences(file, bound["Name"]?.Value, command, names);
                AddReferences(file, bound["FullyQualifiedName"]?.Value, command, names);
                foreach (var name in names) Report(file, command.Extent, spec.Name, name);
            }
            foreach (var statement in file.Usings)
            {
                if (statement.UsingStatementKind != UsingStatementKind.Module) continue;
                var names = new List<string>();
                if (statement.Name != null) AddReferences(file, statement.Name, statement, names);
                if (statement.ModuleSpecification != null) AddReferences(file, statement.ModuleSpecification, statement, names);
                foreach (var name in names) Report(file, statement.Extent, "using module", name);
            }
            Requires(file);
            if (file.Path.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase)) Manifest(file);
        }

        private static void Report(FileAnalysis file, IScriptExtent at, string command, string module) =>
            file.Report(at, FindingKind.LegacyModule, command, module, Recommendations.LegacyModule(module));

        /// <summary>The retired modules a module argument names: a string, an array of them, a module-specification hashtable.</summary>
        private static void AddReferences(FileAnalysis file, Ast? value, Ast at, List<string> names)
        {
            var expression = Literals.Unwrap(value);
            switch (expression)
            {
                case null:
                    return;
                case ArrayLiteralAst array:
                    foreach (var element in array.Elements) AddReferences(file, element, at, names);
                    return;
                case ArrayExpressionAst arrayExpression:
                    foreach (var statement in arrayExpression.SubExpression.Statements) AddReferences(file, statement, at, names);
                    return;
                case HashtableAst hashtable:
                    foreach (var pair in hashtable.KeyValuePairs)
                        if (string.Equals(Literals.Key(pair.Item1), "ModuleName", StringComparison.OrdinalIgnoreCase))
                            AddReferences(file, pair.Item2, at, names);
                    return;
                default:
                    var legacy = LegacyModules.Match(Literals.String(file.LiteralOf(expression, at)));
                    if (legacy != null && !names.Contains(legacy)) names.Add(legacy);
                    return;
            }
        }

        /// <summary>
        /// #Requires -Modules: the parser gathers every #Requires of the script into ScriptRequirements without saying
        /// where each was; each #Requires comment token is parsed alone to place its modules on their line.
        /// </summary>
        private static void Requires(FileAnalysis file)
        {
            var required = file.Root.ScriptRequirements?.RequiredModules;
            if (required == null || required.Count == 0) return;
            bool any = false;
            foreach (var module in required) any |= LegacyModules.Match(module.Name) != null;
            if (!any) return;
            foreach (var token in file.Tokens)
            {
                if (token.Kind != TokenKind.Comment || !token.Text.StartsWith("#requires", StringComparison.OrdinalIgnoreCase)) continue;
                var line = Parser.ParseInput(token.Text, out _, out _);
                var modules = line.ScriptRequirements?.RequiredModules;
                if (modules == null) continue;
                foreach (var module in modules)
                {
                    var legacy = LegacyModules.Match(module.Name);
                    if (legacy != null) Report(file, token.Extent, "#Requires", legacy);
                }
            }
        }

        /// <summary>A module manifest (.psd1) whose RequiredModules lists a retired module.</summary>
        private static void Manifest(FileAnalysis file)
        {
            if (file.Root.EndBlock == null || file.Root.EndBlock.Statements.Count == 0) return;
            if (!(Literals.Unwrap(file.Root.EndBlock.Statements[0]) is HashtableAst manifest)) return;
            foreach (var pair in manifest.KeyValuePairs)
            {
                if (!string.Equals(Literals.Key(pair.Item1), "RequiredModules", StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var element in Elements(pair.Item2))
                {
                    var names = new List<string>();
                    AddReferences(file, element, element, names);
                    foreach (var name in names) Report(file, element.Extent, "RequiredModules", name);
                }
            }
        }

        private static IEnumerable<Ast> Elements(Ast value)
        {
            var expression = Literals.Unwrap(value);
            if (expression is ArrayExpressionAst arrayExpression)
            {
                foreach (var statement in arrayExpression.SubExpression.Statements)
                    foreach (var element in Elements(statement)) yield return element;
            }
            else if (expression is ArrayLiteralAst array)
            {
                foreach (var element in array.Elements) yield return element;
            }
            else if (expression != null)
            {
                yield return expression;
            }
        }
    }
}
