namespace PartnerSecurity.Emulation
{
    /// <summary>The demo tenant snapshot shipped in the module's Demo folder.</summary>
    internal static class DemoSnapshot
    {
        public static string Path => System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(typeof(DemoSnapshot).Assembly.Location) ?? ".", "Demo", "demo-tenant.json");
    }
}
