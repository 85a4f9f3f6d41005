using System;
using System.Collections.Generic;
using System.Management.Automation.Language;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>One parameter of a call and what was given for it.</summary>
    internal sealed class BoundArgument
    {
        public BoundArgument(string parameter, Ast? value, Ast origin, bool fromSplat)
        {
            Parameter = parameter;
            Value = value;
            Origin = origin;
            FromSplat = fromSplat;
        }

        /// <summary>The parameter's canonical name.</summary>
        public string Parameter { get; }

        /// <summary>The argument (an expression or, from a hashtable, a statement); null for a switch given without one.</summary>
        public Ast? Value { get; }

        /// <summary>Where it was given: the -Parameter token, the positional argument or the splatted hashtable's key.</summary>
        public Ast Origin { get; }

        public bool FromSplat { get; }

        /// <summary>A switch counts as given unless written -Switch:$false (or $false in a splatted hashtable).</summary>
        public bool IsOn => !Literals.IsFalse(Value);
    }

    /// <summary>A call bound to a known command's parameters: named, splatted and positional arguments.</summary>
    internal sealed class BoundCommand
    {
        private readonly Dictionary<string, BoundArgument> _named = new Dictionary<string, BoundArgument>(StringComparer.OrdinalIgnoreCase);

        public BoundCommand(CommandAst ast, CommandSpec spec)
        {
            Ast = ast;
            Spec = spec;
        }

        public CommandAst Ast { get; }
        public CommandSpec Spec { get; }

        /// <summary>Arguments no parameter took (more positional arguments than positional parameters).</summary>
        public List<Ast> Unbound { get; } = new List<Ast>();

        /// <summary>True when a splatted variable could not be resolved: parameters may be given that the scanner cannot see.</summary>
        public bool HasUnresolvedSplat { get; internal set; }

        public BoundArgument? this[string parameter] => _named.TryGetValue(parameter, out var argument) ? argument : null;

        public bool Has(string parameter) => _named.ContainsKey(parameter);

        internal void Set(BoundArgument argument)
        {
            // As PowerShell would refuse a parameter given twice, the first one given wins here.
            if (!_named.ContainsKey(argument.Parameter)) _named[argument.Parameter] = argument;
        }
    }

    /// <summary>
    /// Binds a call's arguments to a <see cref="CommandSpec"/> the way PowerShell's parameter binder would, without
    /// running anything: -Name value, -Name:value, abbreviations, switches, splatted hashtables (resolved through the
    /// variable facts of the scope) and positional arguments.
    /// </summary>
    internal static class CommandBinder
    {
        public static BoundCommand Bind(CommandAst command, CommandSpec spec, VariableFacts facts)
        {
            var bound = new BoundCommand(command, spec);
            var positional = new List<Ast>();
            var elements = command.CommandElements;
            for (int i = 1; i < elements.Count; i++)
            {
                var element = elements[i];
                if (element is CommandParameterAst parameter)
                {
                    var resolved = spec.Resolve(parameter.ParameterName);
                    Ast? value = parameter.Argument;
                    if (value == null && (resolved == null || !resolved.IsSwitch) && i + 1 < elements.Count && !(elements[i + 1] is CommandParameterAst))
                    {
                        value = elements[i + 1];
                        i++;
                    }
                    if (resolved != null) bound.Set(new BoundArgument(resolved.Name, value, parameter, fromSplat: false));
                    continue;
                }
                if (element is VariableExpressionAst variable && variable.Splatted)
                {
                    var splat = facts.ResolveHashtable(Literals.Name(variable.VariablePath), command);
                    if (splat == null)
                    {
                        bound.HasUnresolvedSplat = true;
                        continue;
                    }
                    if (!splat.Complete) bound.HasUnresolvedSplat = true;
                    foreach (var entry in splat.Entries)
                    {
                        var resolved = spec.Resolve(entry.Key);
                        if (resolved != null) bound.Set(new BoundArgument(resolved.Name, entry.Value, entry.Origin, fromSplat: true));
                    }
                    continue;
                }
                positional.Add(element);
            }

            int next = 0;
            foreach (var name in spec.Positional)
            {
                if (next >= positional.Count) break;
                if (bound.Has(name)) continue;
                bound.Set(new BoundArgument(name, positional[next], positional[next], fromSplat: false));
                next++;
            }
            for (; next < positional.Count; next++) bound.Unbound.Add(positional[next]);
            return bound;
        }
    }
}
