using System;
using System.Management.Automation.Language;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>
    /// Whether a credential comes from a person at the keyboard (Get-Credential, $Host.UI.PromptForCredential,
    /// Read-Host -AsSecureString): directly, through the variable it was assigned to, a member of it ($c.Password,
    /// $c.GetNetworkCredential().Password) or a parameter's default value. Such a script is run by someone who can
    /// answer MFA, so the advice starts with the interactive sign-in.
    /// </summary>
    internal static class Prompts
    {
        private const int MaxDepth = 6;

        public static bool IsPrompted(FileAnalysis file, Ast? value, Ast at) => IsPrompted(file, value, at, 0);

        private static bool IsPrompted(FileAnalysis file, Ast? value, Ast at, int depth)
        {
            if (value == null || depth > MaxDepth) return false;
            switch (value)
            {
                case PipelineAst pipeline:
                    return pipeline.PipelineElements.Count > 0 && IsPrompted(file, pipeline.PipelineElements[0], at, depth + 1);
                case CommandAst command:
                    return IsPromptCommand(command);
                case CommandExpressionAst expression:
                    return IsPrompted(file, expression.Expression, at, depth + 1);
                case ParenExpressionAst paren:
                    return IsPrompted(file, paren.Pipeline, at, depth + 1);
                case SubExpressionAst sub:
                    foreach (var statement in sub.SubExpression.Statements)
                        if (IsPrompted(file, statement, at, depth + 1)) return true;
                    return false;
                case ConvertExpressionAst convert:
                    return IsPrompted(file, convert.Child, at, depth + 1);
                case ArrayLiteralAst array:
                    foreach (var element in array.Elements)
                        if (IsPrompted(file, element, at, depth + 1)) return true;
                    return false;
                case InvokeMemberExpressionAst invoke:
                    var method = Literals.String(invoke.Member);
                    if (string.Equals(method, "PromptForCredential", StringComparison.OrdinalIgnoreCase)) return true;
                    return IsPrompted(file, invoke.Expression, at, depth + 1);
                case MemberExpressionAst member:
                    return IsPrompted(file, member.Expression, at, depth + 1);
                case VariableExpressionAst variable:
                    var name = Literals.Name(variable.VariablePath);
                    return IsPrompted(file, file.Facts.ResolveValue(name, at), at, depth + 1);
                default:
                    return false;
            }
        }

        private static bool IsPromptCommand(CommandAst command)
        {
            var name = command.GetCommandName();
            if (name == null) return false;
            int slash = name.LastIndexOf('\\');
            if (slash >= 0) name = name.Substring(slash + 1);
            if (name.Equals("Get-Credential", StringComparison.OrdinalIgnoreCase)) return true;
            if (!name.Equals("Read-Host", StringComparison.OrdinalIgnoreCase)) return false;
            foreach (var element in command.CommandElements)
                if (element is CommandParameterAst parameter && "AsSecureString".StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase)
                    && parameter.ParameterName.Length >= 2)
                    return true;
            return false;
        }
    }
}
