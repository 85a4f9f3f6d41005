using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace PartnerSecurity.Loading
{
    /// <summary>
    /// A private System.Runtime.Loader.AssemblyLoadContext reached by reflection, since netstandard2.0
    /// cannot name the type. Everything in it is loaded by path up front, so that when the core asks for
    /// MSAL or Graph, the context's own copy answers before the default context (which may hold another
    /// module's version) is ever consulted.
    /// </summary>
    internal sealed class PrivateLoadContext
    {
        private static readonly Lazy<HashSet<string>> s_platform = new Lazy<HashSet<string>>(() =>
            new HashSet<string>(((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty)
                .Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Select(Path.GetFileNameWithoutExtension), StringComparer.OrdinalIgnoreCase));

        private readonly object _context;
        private readonly MethodInfo _loadFromPath;
        private readonly Dictionary<string, Assembly> _loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        private PrivateLoadContext(object context, MethodInfo loadFromPath)
        {
            _context = context;
            _loadFromPath = loadFromPath;
        }

        /// <summary>Null on .NET Framework, where there are no load contexts.</summary>
        public static PrivateLoadContext? TryCreate(string name)
        {
            var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            var constructor = type?.GetConstructor(new[] { typeof(string), typeof(bool) });
            var load = type?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            if (constructor == null || load == null) return null;
            return new PrivateLoadContext(constructor.Invoke(new object[] { name, false }), load);
        }

        /// <summary>
        /// Assemblies the runtime and the host ship (System.Text.Json, System.Memory...): these come from the
        /// default context, so that types shared with the platform keep one identity.
        /// </summary>
        public static bool IsPlatformAssembly(string simpleName) => s_platform.Value.Contains(simpleName);

        public void Preload(IEnumerable<string> paths)
        {
            foreach (var path in paths) Load(path);
        }

        public Assembly Load(string path)
        {
            lock (_loaded)
            {
                if (_loaded.TryGetValue(path, out var loaded)) return loaded;
                var assembly = (Assembly)_loadFromPath.Invoke(_context, new object[] { path })!;
                _loaded[path] = assembly;
                return assembly;
            }
        }

        public bool Owns(Assembly assembly)
        {
            lock (_loaded) return _loaded.ContainsValue(assembly);
        }
    }
}
