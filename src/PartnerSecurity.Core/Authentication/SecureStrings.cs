using System;
using System.Runtime.InteropServices;
using System.Security;

namespace PartnerSecurity.Authentication
{
    internal static class SecureStrings
    {
        /// <summary>
        /// The plain text of a SecureString, for the one call that needs it (MSAL takes secrets as strings).
        /// Callers keep the result in a local and never store, log or return it.
        /// </summary>
        public static string Reveal(SecureString secure)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        public static SecureString Protect(string plain)
        {
            var secure = new SecureString();
            foreach (var c in plain) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
