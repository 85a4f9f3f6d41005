using System.Collections.Generic;

namespace PartnerSecurity.HelpBuilder.Model;

/// <summary>An input or output type: <c>### TypeName</c> and what it means.</summary>
public sealed record TypeHelp(string Name, IReadOnlyList<string> Description, int Line);
