using System.Management.Automation;

namespace HelloWorldModule
{
    [Cmdlet(VerbsCommon.Get, "Hello")]
    [OutputType(typeof(string))]
    public sealed class GetHelloCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject("Hello, world");
    }
}
