using System.Xml.Linq;

namespace PartnerSecurity.HelpBuilder.Maml;

/// <summary>The namespaces of PowerShell's MAML help, as platyPS's New-ExternalHelp writes them.</summary>
public static class MamlNamespaces
{
    /// <summary>The default namespace of the <c>helpItems</c> root.</summary>
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";
}
