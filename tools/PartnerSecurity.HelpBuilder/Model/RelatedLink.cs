namespace PartnerSecurity.HelpBuilder.Model;

/// <summary>A link of <c>## RELATED LINKS</c>; <see cref="Uri"/> is empty for links to other pages of this help.</summary>
public sealed record RelatedLink(string Text, string Uri, int Line);
