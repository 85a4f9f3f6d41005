using System.Collections.Generic;
using System.Management.Automation;
using PartnerSecurity.Connections;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// Writes tenant GUIDs the one way Microsoft's endpoints expect ({guid} and dash-less GUIDs become
    /// 8-4-4-4-12), before <see cref="ValidateTenantIdAttribute"/> checks them; anything else passes unchanged.
    /// </summary>
    public sealed class NormalizeTenantIdAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case string text:
                    return TenantIdentifier.Normalize(text);
                case object[] items:
                    var list = new List<object?>(items.Length);
                    foreach (var item in items) list.Add((item is PSObject p ? p.BaseObject : item) is string s ? TenantIdentifier.Normalize(s) : item);
                    return list.ToArray();
                default:
                    return inputData;
            }
        }
    }
}
