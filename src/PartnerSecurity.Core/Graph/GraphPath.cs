using System;

namespace PartnerSecurity.Graph
{
    /// <summary>
    /// Object ids (tenant data) written into URL paths. An id is one path segment, escaped, so "a/../groups" cannot
    /// reach another endpoint; "." and "..", which URL normalisation would resolve even escaped, name no object.
    /// </summary>
    public static class GraphPath
    {
        /// <summary>True for an id that can be sent as one path segment.</summary>
        public static bool IsSendable(string? id) =>
            !string.IsNullOrEmpty(id) && id!.Trim('.').Length > 0 && id.IndexOfAny(s_controls) < 0;

        /// <summary>The id as one escaped path segment; throws for an id that names no object (see <see cref="IsSendable"/>).</summary>
        public static string Segment(string id)
        {
            if (!IsSendable(id)) throw new ArgumentException($"'{Printable(id)}' is not an object id that can be sent in a URL.", nameof(id));
            return Uri.EscapeDataString(id);
        }

        /// <summary>Per-user MFA state (beta): users/{id}/authentication/requirements, relative to the version root.</summary>
        public static string PerUserMfaRequirements(string userId) => "/users/" + Segment(userId) + "/authentication/requirements";

        private static readonly char[] s_controls = BuildControls();

        private static char[] BuildControls()
        {
            var controls = new char[33];
            for (int i = 0; i < 32; i++) controls[i] = (char)i;
            controls[32] = '\u007f';
            return controls;
        }

        private static string Printable(string? id)
        {
            if (id == null) return string.Empty;
            var chars = id.ToCharArray();
            for (int i = 0; i < chars.Length; i++) if (chars[i] < ' ' || chars[i] == '\u007f') chars[i] = '?';
            return new string(chars);
        }
    }
}
