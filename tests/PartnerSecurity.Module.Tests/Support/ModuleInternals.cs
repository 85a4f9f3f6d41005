using System.Collections;
using System.Reflection;
using System.Runtime.Loader;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// Reaches, by reflection, what the in-process module keeps: its core lives in the module's private load
/// context, out of this project's reach by type. For tests that seed the token store or check what a closed
/// session left behind.
/// </summary>
public static class ModuleInternals
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>An assembly the module loaded (in its private load context for the core and its dependencies).</summary>
    public static Assembly Loaded(string name, string? type = null) =>
        AssemblyLoadContext.All.SelectMany(c => c.Assemblies).First(a => a.GetName().Name == name && (type == null || a.GetType(type) != null));

    /// <summary>Saves a stored Secure Application Model token in the default token store, as a consent would (without a usable refresh token).</summary>
    public static void SaveStoredToken(PowerShellSession session, string name, string environment, string? snapshotPath = null)
    {
        // Any SAM cmdlet loads the core into the module's load context.
        session.Run("Get-SecureAppModelTokenStatus -Name core-loaded -ErrorAction SilentlyContinue");
        var core = Loaded("PartnerSecurity.Core");
        var options = Activator.CreateInstance(core.GetType("PartnerSecurity.Authentication.TokenStorageOptions", true)!)!;
        var store = core.GetType("PartnerSecurity.SecureAppModel.SecureAppModelTokenStore", true)!.GetMethod("Open")!.Invoke(null, new[] { options })!;
        var token = Activator.CreateInstance(core.GetType("PartnerSecurity.SecureAppModel.StoredToken", true)!)!;
        void Set(string property, object? value) => token.GetType().GetProperty(property)!.SetValue(token, value);
        Set("Name", name);
        Set("ApplicationId", Guid.NewGuid().ToString());
        Set("TenantId", Guid.NewGuid().ToString());
        Set("Account", "admin@example.com");
        Set("Environment", environment);
        Set("SnapshotPath", snapshotPath);
        Set("HasMfaClaim", true);
        Set("IssuedOn", DateTimeOffset.UtcNow);
        Set("LastUsedOn", DateTimeOffset.UtcNow);
        store.GetType().GetMethod("Save")!.Invoke(store, new[] { token, null });
    }

    private static IDictionary Sessions() =>
        (IDictionary)Loaded("PartnerSecurity", "PartnerSecurity.Runtime.ModuleSession").GetType("PartnerSecurity.Runtime.ModuleSession", true)!.GetField("s_byRunspace", Any)!.GetValue(null)!;

    /// <summary>Whether the module still holds anything (a connection, an emulated cloud) for the runspace <paramref name="id"/>.</summary>
    public static bool HoldsSession(Guid id) => Sessions().Contains(id);

    /// <summary>The connection of the runspace <paramref name="id"/>, or null.</summary>
    public static object? ConnectionOf(Guid id)
    {
        var session = Sessions()[id];
        return session?.GetType().GetProperty("Connection", Any)!.GetValue(session);
    }

    /// <summary>The transport under a connection's HTTP pipeline (the tenant emulator in an emulated cloud).</summary>
    public static object TransportOf(object connection)
    {
        var pipeline = connection.GetType().GetProperty("Pipeline", Any)!.GetValue(connection)!;
        return pipeline.GetType().GetField("_transport", Any)!.GetValue(pipeline)!;
    }
}
