using System;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>Reading constant values out of the AST: what the script says literally, not what it computes.</summary>
    internal static class Literals
    {
        /// <summary>
        /// The value of a string written literally: a quoted or bare string, a here-string, or an expandable string
        /// with nothing to expand; parentheses are looked through. Null for anything computed.
        /// </summary>
        public static string? String(Ast? ast)
        {
            var expression = Unwrap(ast);
            switch (expression)
            {
                case StringConstantExpressionAst constant:
                    return constant.Value;
                case ExpandableStringExpressionAst expandable when expandable.NestedExpressions.Count == 0:
                    return expandable.Value;
                default:
                    return null;
            }
        }

        /// <summary>The string literal AST itself (for its extent), under the same rules as <see cref="String"/>.</summary>
        public static ExpressionAst? StringAst(Ast? ast)
        {
            var expression = Unwrap(ast);
            return expression is StringConstantExpressionAst || (expression is ExpandableStringExpressionAst e && e.NestedExpressions.Count == 0)
                ? expression
                : null;
        }

        /// <summary>True for the literal <c>$false</c> (and 0): what turns a switch off (-ServicePrincipal:$false).</summary>
        public static bool IsFalse(Ast? ast)
        {
            var expression = Unwrap(ast);
            if (expression is VariableExpressionAst variable)
                return string.Equals(variable.VariablePath.UserPath, "false", StringComparison.OrdinalIgnoreCase);
            if (expression is ConstantExpressionAst constant && !(constant is StringConstantExpressionAst))
                return constant.Value is int i && i == 0;
            return false;
        }

        /// <summary>True for the literal <c>$null</c>.</summary>
        public static bool IsNull(Ast? ast) =>
            Unwrap(ast) is VariableExpressionAst variable && string.Equals(variable.VariablePath.UserPath, "null", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The expression inside: a pipeline of one expression (a hashtable value, a parenthesised argument) and
        /// parentheses are looked through; a cast to [string] too.
        /// </summary>
        public static ExpressionAst? Unwrap(Ast? ast)
        {
            for (int depth = 0; depth < 16 && ast != null; depth++)
            {
                switch (ast)
                {
                    case PipelineAst pipeline when pipeline.PipelineElements.Count == 1 && pipeline.PipelineElements[0] is CommandExpressionAst ce && ce.Redirections.Count == 0:
                        ast = ce.Expression;
                        continue;
                    case CommandExpressionAst commandExpression:
                        ast = commandExpression.Expression;
                        continue;
                    case ParenExpressionAst paren:
                        ast = paren.Pipeline;
                        continue;
                    case ConvertExpressionAst convert when convert.Type.TypeName.FullName.Equals("string", StringComparison.OrdinalIgnoreCase):
                        ast = convert.Child;
                        continue;
                    case ExpressionAst expression:
                        return expression;
                    default:
                        return null;
                }
            }
            return null;
        }

        /// <summary>The variable a simple reference names ($params, $script:params), unqualified; null otherwise.</summary>
        public static string? VariableName(Ast? ast)
        {
            var expression = ast is ConvertExpressionAst convert ? convert.Child : ast;
            return expression is VariableExpressionAst variable ? Literals.Name(variable.VariablePath) : null;
        }

        /// <summary>A variable's name without a scope qualifier ($script:params and $params are one name here).</summary>
        public static string Name(VariablePath path)
        {
            var name = path.UserPath;
            int colon = name.IndexOf(':');
            if (colon > 0)
            {
                var scope = name.Substring(0, colon);
                if (scope.Equals("script", StringComparison.OrdinalIgnoreCase) || scope.Equals("global", StringComparison.OrdinalIgnoreCase)
                    || scope.Equals("local", StringComparison.OrdinalIgnoreCase) || scope.Equals("private", StringComparison.OrdinalIgnoreCase)
                    || scope.Equals("using", StringComparison.OrdinalIgnoreCase))
                    name = name.Substring(colon + 1);
            }
            return name;
        }

        /// <summary>A hashtable key written literally (bare word or quoted).</summary>
        public static string? Key(ExpressionAst key) => String(key);
    }
}
