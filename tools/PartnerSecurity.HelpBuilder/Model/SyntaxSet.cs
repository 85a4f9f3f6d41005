using System.Collections.Generic;

namespace PartnerSecurity.HelpBuilder.Model;

/// <summary>
/// One <c>### SetName</c> of <c>## SYNTAX</c>: a parameter set and its syntax line. The parameter names, in the
/// order the syntax line shows them, give the order of the parameters in the set's MAML syntax item.
/// </summary>
public sealed record SyntaxSet(string Name, bool IsDefault, string Text, IReadOnlyList<string> ParameterNames, int Line)
{
    /// <summary>The set name PowerShell gives a cmdlet that declares no parameter set.</summary>
    public const string AllParameterSets = "__AllParameterSets";
}
