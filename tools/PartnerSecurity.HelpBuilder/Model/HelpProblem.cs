namespace PartnerSecurity.HelpBuilder.Model;

/// <summary>Something wrong with a page, at a line of its file; printed as <c>file:line: message</c>.</summary>
public sealed record HelpProblem(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line}: {Message}";
}
