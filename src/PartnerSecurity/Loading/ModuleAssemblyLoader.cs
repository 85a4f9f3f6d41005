using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace PartnerSecurity.Loading
{
    /// <summary>
    /// Keeps the module's dependencies (MSAL, the Graph SDK, Kiota, Azure.Core...) apart from the versions
    /// other modules (Az.Accounts, Microsoft.Graph.Authentication, ExchangeOnlineManagement) load into the
    /// same process. They live in dependencies/ beside this assembly and are never found by the default
    /// probing. On PowerShell 7 they load into a private AssemblyLoadContext (created by reflection: this
    /// assembly targets netstandard2.0); on Windows PowerShell 5.1 an AssemblyResolve handler loads them
    /// from that folder and nowhere else.
    /// </summary>
    public sealed class ModuleAssemblyLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object s_gate = new object();
        private static readonly Assembly s_self = typeof(ModuleAssemblyLoader).Assembly;
        private static Dictionary<string, string>? s_dependencies;
        private static PrivateLoadContext? s_context;
        private static bool s_hooked;

        public void OnImport() => Initialize();

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            // The session that removes the module loses its connection and emulated clouds, as a new session would
            // not have them; done while the dependencies still resolve.
            Runtime.ModuleSession.ForgetCurrent();
            lock (s_gate)
            {
                if (!s_hooked) return;
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                s_hooked = false;
            }
        }

        /// <summary>The dependency folder of the loaded module.</summary>
        public static string DependencyFolder => Path.Combine(Path.GetDirectoryName(s_self.Location) ?? ".", "dependencies");

        /// <summary>True when dependencies load into a private AssemblyLoadContext (PowerShell 7).</summary>
        public static bool IsIsolated => s_context != null;

        internal static void Initialize()
        {
            lock (s_gate)
            {
                if (s_hooked) return;
                if (s_dependencies == null)
                {
                    s_dependencies = Directory.EnumerateFiles(DependencyFolder, "*.dll")
                        .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => p, StringComparer.OrdinalIgnoreCase);
                    s_context = PrivateLoadContext.TryCreate("PartnerSecurity");
                    s_context?.Preload(s_dependencies.Where(d => !PrivateLoadContext.IsPlatformAssembly(d.Key)).Select(d => d.Value));
                }
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                s_hooked = true;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var dependencies = s_dependencies;
            if (name == null || dependencies == null || !dependencies.TryGetValue(name, out var path)) return null;
            // Only answer for this module and its own dependencies; other modules resolve their own.
            var requester = args.RequestingAssembly;
            if (requester != null && requester != s_self && !IsOurDependency(requester)) return null;
            return s_context != null ? s_context.Load(path) : Assembly.LoadFrom(path);
        }

        private static bool IsOurDependency(Assembly assembly)
        {
            if (s_context != null && s_context.Owns(assembly)) return true;
            try
            {
                return !assembly.IsDynamic && string.Equals(Path.GetDirectoryName(assembly.Location), DependencyFolder, StringComparison.OrdinalIgnoreCase);
            }
            catch (NotSupportedException)
            {
                return false;
            }
        }
    }
}
