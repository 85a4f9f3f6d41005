using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace PartnerSecurity.Emulator.Http
{
    /// <summary>
    /// Method + path-pattern routing for one emulated service. Patterns are anchored regular expressions
    /// over the decoded path; named groups become <see cref="EmulatorRequest.Route"/> values.
    /// </summary>
    public sealed class Router<TContext>
    {
        private readonly List<(string Method, Regex Pattern, Func<EmulatorRequest, TContext, Task<HttpResponseMessage>> Handler)> _routes =
            new List<(string, Regex, Func<EmulatorRequest, TContext, Task<HttpResponseMessage>>)>();

        public Router<TContext> Map(string method, string pattern, Func<EmulatorRequest, TContext, Task<HttpResponseMessage>> handler)
        {
            _routes.Add((method.ToUpperInvariant(), new Regex("^" + pattern + "/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled), handler));
            return this;
        }

        public Router<TContext> Map(string method, string pattern, Func<EmulatorRequest, TContext, HttpResponseMessage> handler) =>
            Map(method, pattern, (r, c) => Task.FromResult(handler(r, c)));

        /// <summary>Every route, as (method, anchored pattern).</summary>
        public IEnumerable<(string Method, string Pattern)> Routes => _routes.Select(r => (r.Method, r.Pattern.ToString()));

        /// <summary>The handler for the request, or null; <paramref name="pathKnown"/> says whether another method would match.</summary>
        public Func<EmulatorRequest, TContext, Task<HttpResponseMessage>>? Find(EmulatorRequest request, string path, out bool pathKnown)
        {
            pathKnown = false;
            foreach (var route in _routes)
            {
                var match = route.Pattern.Match(path);
                if (!match.Success) continue;
                pathKnown = true;
                if (route.Method != request.Method) continue;
                request.RouteMatch = match;
                return route.Handler;
            }
            return null;
        }
    }
}
