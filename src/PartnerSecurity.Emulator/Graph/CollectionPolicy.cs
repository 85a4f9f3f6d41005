using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>
    /// What one Graph collection endpoint accepts: page sizes, the query options it supports, which
    /// properties $filter may use and how, and the properties it returns by default. Anything outside
    /// gets Graph's 400, so the module cannot come to rely on a query the real service would refuse.
    /// </summary>
    public sealed class CollectionPolicy
    {
        private readonly Dictionary<string, HashSet<string>> _filterable = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);

        public CollectionPolicy(string contextPath, string resourceType)
        {
            ContextPath = contextPath;
            ResourceType = resourceType;
        }

        /// <summary>The entity set as @odata.context names it, for example "users" or "auditLogs/signIns".</summary>
        public string ContextPath { get; }
        /// <summary>The Graph type name used in error messages, for example "microsoft.graph.user".</summary>
        public string ResourceType { get; }
        public int DefaultPageSize { get; set; } = 100;
        public int MaxPageSize { get; set; } = 999;
        /// <summary>The 400 message for a $top outside 1..MaxPageSize; {0} is the value given.</summary>
        public string TopErrorFormat { get; set; } = "Invalid page size specified: '{0}'. Must be between 1 and {1} inclusive.";
        public HashSet<string> SupportedOptions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "$select", "$top", "$skiptoken", "$filter" };
        /// <summary>Directory collections need "ConsistencyLevel: eventual" for $count.</summary>
        public bool CountNeedsConsistencyLevel { get; set; } = true;
        /// <summary>Returned when $select is absent; null means every property.</summary>
        public string[]? DefaultSelect { get; set; }
        /// <summary>Properties $select may name; null means any.</summary>
        public HashSet<string>? Properties { get; set; }
        /// <summary>
        /// Directory objects (users, groups, applications, service principals): ne, not and endswith in $filter, and
        /// $filter beside $orderby, are "advanced queries" that need $count=true and ConsistencyLevel: eventual; $search
        /// needs the header.
        /// </summary>
        public bool AdvancedQueries { get; set; }
        /// <summary>Properties $orderby may name; empty: $orderby is refused (when supported at all).</summary>
        public HashSet<string> OrderBy { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Query options the endpoint's documentation does not list, accepted unless <see cref="EmulatorOptions.RefuseUndocumentedQueries"/>.</summary>
        public HashSet<string> UndocumentedOptions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>$filter operators the documentation does not show (property, operation), likewise.</summary>
        public HashSet<(string Property, string Operation)> UndocumentedFilters { get; } = new HashSet<(string, string)>();

        /// <summary>Properties $search may name ("property:text").</summary>
        public HashSet<string> Search { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Properties whose eq/ne compare strings exactly (the sign-in log's lowercase userPrincipalName).</summary>
        public HashSet<string> CaseSensitive { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        public bool AllowOr { get; set; } = true;
        public bool AllowNot { get; set; }

        /// <summary>Allows $filter on a property path with the given operations (eq, ne, gt, ge, lt, le, startswith, endswith, any, all).</summary>
        public CollectionPolicy Filter(string property, params string[] operations)
        {
            if (!_filterable.TryGetValue(property, out var set)) _filterable[property] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var op in operations) set.Add(op);
            return this;
        }

        public CollectionPolicy Supports(params string[] options)
        {
            foreach (var option in options) SupportedOptions.Add(option);
            return this;
        }

        public CollectionPolicy WithProperties(params string[] properties)
        {
            Properties = new HashSet<string>(properties, StringComparer.OrdinalIgnoreCase) { "id" };
            return this;
        }

        /// <summary>Marks query options as accepted although the endpoint's documentation does not list them.</summary>
        public CollectionPolicy Undocumented(params string[] options)
        {
            UndocumentedOptions.UnionWith(options);
            return this;
        }

        /// <summary>Marks a $filter operator on a property as accepted although the documentation does not show it.</summary>
        public CollectionPolicy UndocumentedFilter(string property, string operation)
        {
            UndocumentedFilters.Add((property, operation));
            return this;
        }

        public CollectionPolicy OrderedBy(params string[] properties)
        {
            OrderBy.UnionWith(properties);
            return this;
        }

        public CollectionPolicy Searchable(params string[] properties)
        {
            Search.UnionWith(properties);
            return this;
        }

        /// <summary>Throws Graph's 400 for the first use of $filter this endpoint does not support.</summary>
        public void Validate(FilterNode filter, bool refuseUndocumented = false)
        {
            foreach (var (property, operation) in filter.Uses())
            {
                if (property.Length == 0)
                {
                    if (operation == "or" && !AllowOr || operation == "not" && !AllowNot && !AdvancedQueries)
                        throw GraphException.UnsupportedQuery($"Unsupported query: the '{operation}' operator is not supported on '{ContextPath}'.");
                    continue;
                }
                if (!_filterable.TryGetValue(property, out var allowed) || !allowed.Contains(operation)
                    || (refuseUndocumented && UndocumentedFilters.Contains((property, operation))))
                    throw GraphException.UnsupportedQuery($"Unsupported or invalid query filter clause specified for property '{property}' of resource '{ResourceType.Replace("microsoft.graph.", string.Empty)}'.");
            }
        }
    }
}
