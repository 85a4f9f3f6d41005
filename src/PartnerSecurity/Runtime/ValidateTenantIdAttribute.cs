using System.Management.Automation;
using PartnerSecurity.Connections;

namespace PartnerSecurity.Runtime
{
    /// <summary>Refuses anything but a tenant GUID or domain name, before any network call.</summary>
    public sealed class ValidateTenantIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var value = element is PSObject pso ? pso.BaseObject : element;
            if (!(value is string text) || !TenantIdentifier.IsValid(text))
                throw new ValidationMetadataException($"'{value}' is not a tenant: expected {TenantIdentifier.ExpectedFormat}.");
        }
    }
}
