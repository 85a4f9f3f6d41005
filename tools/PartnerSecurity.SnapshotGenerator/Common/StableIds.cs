using System;
using System.Security.Cryptography;
using System.Text;

namespace PartnerSecurity.SnapshotGenerator.Common
{
    /// <summary>
    /// Identifiers derived from stable names, so the same tenant definition always gets the same ids.
    /// </summary>
    internal static class StableIds
    {
        /// <summary>A name-based GUID (MD5, version 3 layout), lower case, e.g. for "northwind/user/ava.thompson".</summary>
        public static string Guid(string name)
        {
            var hash = MD5.HashData(Encoding.UTF8.GetBytes(name));
            hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            var hex = Convert.ToHexString(hash).ToLowerInvariant();
            return $"{hex.Substring(0, 8)}-{hex.Substring(8, 4)}-{hex.Substring(12, 4)}-{hex.Substring(16, 4)}-{hex.Substring(20, 12)}";
        }

        /// <summary>
        /// The id Entra ID gives a tenant-wide unifiedRoleAssignment: base64url of the role template id's bytes
        /// followed by the principal id's bytes (each in GUID byte order), then "-1".
        /// </summary>
        public static string RoleAssignmentId(string roleTemplateId, string principalId)
        {
            var bytes = new byte[32];
            System.Guid.Parse(roleTemplateId).ToByteArray().CopyTo(bytes, 0);
            System.Guid.Parse(principalId).ToByteArray().CopyTo(bytes, 16);
            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "-1";
        }

        /// <summary>The S-1-12-1 security identifier Entra ID derives from a cloud object id.</summary>
        public static string SecurityIdentifier(string objectId)
        {
            var b = System.Guid.Parse(objectId).ToByteArray();
            return "S-1-12-1-" + string.Join("-",
                BitConverter.ToUInt32(b, 0), BitConverter.ToUInt32(b, 4), BitConverter.ToUInt32(b, 8), BitConverter.ToUInt32(b, 12));
        }

        /// <summary>Lower-case hex digits derived from a name (for sync account suffixes, etags...).</summary>
        public static string Hex(string name, int length) =>
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant().Substring(0, length);

        /// <summary>A Graph-style opaque etag: W/"base64 of a quoted hex string".</summary>
        public static string ETag(string name) =>
            "W/\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("'\"" + Hex(name, 32) + "\"'")) + "\"";
    }
}
