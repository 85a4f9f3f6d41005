using System.Collections.Generic;

namespace PartnerSecurity.HelpBuilder.Model;

/// <summary>One <c>### Example N: title</c>: the text before the code, the code (prompts stripped), the remarks after it.</summary>
public sealed record ExampleHelp(string Title, IReadOnlyList<string> Introduction, string? Code, IReadOnlyList<string> Remarks, int Line)
{
    public bool HasCode => !string.IsNullOrWhiteSpace(Code);
}
