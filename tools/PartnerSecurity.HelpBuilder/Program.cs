using System;
using PartnerSecurity.HelpBuilder;

// partnersecurity-helpbuilder --docs <folder of *.md> --out <path to PartnerSecurity.dll-Help.xml>
return HelpBuildCommand.Run(args, Console.Out, Console.Error);
