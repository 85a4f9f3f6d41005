using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace PartnerSecurity.ScriptAnalysis.Reading
{
    /// <summary>A script's text and how its bytes were read.</summary>
    internal sealed class DecodedScript
    {
        public DecodedScript(string text, string encoding, string how)
        {
            Text = text;
            Encoding = encoding;
            How = how;
        }

        public string Text { get; }

        /// <summary>The encoding's name as PowerShell's -Encoding knows it: utf-8, utf-16LE, windows-1252...</summary>
        public string Encoding { get; }

        /// <summary>Why this encoding: a byte order mark, valid UTF-8, the ANSI fallback, the UTF-16 pattern.</summary>
        public string How { get; }

        public bool IsUtf8 => Encoding == "utf-8";
    }

    /// <summary>
    /// Decodes a script's bytes the way PowerShell reads a script file: a byte order mark decides; without one, valid
    /// UTF-8 is UTF-8 (what PowerShell 7 assumes), and anything else is read in the ANSI code page, which is what
    /// Windows PowerShell 5.1 does with every file that has no byte order mark. A file saved in Windows-1252 with an en
    /// dash before AsPlainText is therefore read as 5.1 runs it. UTF-16 without a byte order mark, which neither
    /// PowerShell reads correctly, is recognised by its pattern of zero bytes (scripts are mostly ASCII) and read too.
    /// </summary>
    internal static class ScriptEncodings
    {
        private static readonly UTF8Encoding s_strictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        private static Encoding? s_systemAnsi;

        public static DecodedScript Decode(byte[] bytes, int length, Encoding? ansi)
        {
            if (StartsWith(bytes, length, 0xEF, 0xBB, 0xBF))
                return new DecodedScript(new UTF8Encoding(false).GetString(bytes, 3, length - 3), "utf-8", "byte order mark");
            if (StartsWith(bytes, length, 0xFF, 0xFE, 0x00, 0x00))
                return new DecodedScript(new UTF32Encoding(false, false).GetString(bytes, 4, length - 4), "utf-32LE", "byte order mark");
            if (StartsWith(bytes, length, 0x00, 0x00, 0xFE, 0xFF))
                return new DecodedScript(new UTF32Encoding(true, false).GetString(bytes, 4, length - 4), "utf-32BE", "byte order mark");
            if (StartsWith(bytes, length, 0xFF, 0xFE))
                return new DecodedScript(new UnicodeEncoding(false, false).GetString(bytes, 2, length - 2), "utf-16LE", "byte order mark");
            if (StartsWith(bytes, length, 0xFE, 0xFF))
                return new DecodedScript(new UnicodeEncoding(true, false).GetString(bytes, 2, length - 2), "utf-16BE", "byte order mark");

            var utf16 = Utf16Pattern(bytes, length);
            if (utf16 != null)
            {
                bool bigEndian = utf16.Value;
                return new DecodedScript(new UnicodeEncoding(bigEndian, false).GetString(bytes, 0, length), bigEndian ? "utf-16BE" : "utf-16LE",
                    "no byte order mark; recognised by its zero bytes");
            }
            try
            {
                return new DecodedScript(s_strictUtf8.GetString(bytes, 0, length), "utf-8", "no byte order mark; valid UTF-8");
            }
            catch (DecoderFallbackException)
            {
                var fallback = ansi ?? SystemAnsi();
                return new DecodedScript(fallback.GetString(bytes, 0, length), fallback.WebName,
                    "no byte order mark and not valid UTF-8: read in the ANSI code page, as Windows PowerShell 5.1 reads it");
            }
        }

        /// <summary>
        /// The system's ANSI code page on Windows (what 5.1 uses); Windows-1252 where there is none (Linux, macOS).
        /// </summary>
        public static Encoding SystemAnsi()
        {
            if (s_systemAnsi != null) return s_systemAnsi;
            int codePage = 1252;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                try
                {
                    codePage = GetACP();
                }
                catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
                {
                    // keep 1252
                }
            }
            // UTF-8 as the "ANSI" code page (Windows' beta option) would make the fallback never differ from UTF-8.
            if (codePage == 65001) codePage = 1252;
            return s_systemAnsi = ByCodePage(codePage) ?? ByCodePage(1252) ?? Encoding.GetEncoding("iso-8859-1");
        }

        /// <summary>
        /// An encoding by name or code page number ("windows-1250", "1250", "shift_jis"); null when this system has none
        /// such. .NET Core has the Windows code pages only through CodePagesEncodingProvider, which is part of every
        /// runtime but not registered unless the host did it: it is asked directly, without registering it
        /// process-wide.
        /// </summary>
        public static Encoding? Find(string nameOrCodePage)
        {
            if (string.IsNullOrWhiteSpace(nameOrCodePage)) return null;
            var value = nameOrCodePage.Trim();
            if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var codePage))
                return ByCodePage(codePage);
            try
            {
                return Encoding.GetEncoding(value);
            }
            catch (ArgumentException)
            {
                return CodePagesProvider()?.GetEncoding(value);
            }
        }

        private static Encoding? ByCodePage(int codePage)
        {
            if (codePage <= 0 || codePage > 65535) return null;
            try
            {
                return Encoding.GetEncoding(codePage);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException)
            {
                return CodePagesProvider()?.GetEncoding(codePage);
            }
        }

        private static EncodingProvider? CodePagesProvider()
        {
            var type = Type.GetType("System.Text.CodePagesEncodingProvider, System.Text.Encoding.CodePages", throwOnError: false);
            return type?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as EncodingProvider;
        }

        /// <summary>
        /// True for UTF-16 big-endian, false for little-endian, null when the bytes do not look like UTF-16: an even
        /// length, and in the first 16 KB at least half the character pairs have a zero high byte and almost none a
        /// zero low byte (UTF-8 text has no zero bytes at all).
        /// </summary>
        private static bool? Utf16Pattern(byte[] bytes, int length)
        {
            if (length < 2 || length % 2 != 0) return null;
            int sample = Math.Min(length, 16384), pairs = sample / 2, zeroOdd = 0, zeroEven = 0;
            for (int i = 0; i + 1 < sample; i += 2)
            {
                if (bytes[i] == 0 && bytes[i + 1] != 0) zeroEven++;
                else if (bytes[i] != 0 && bytes[i + 1] == 0) zeroOdd++;
            }
            if (zeroOdd * 2 >= pairs && zeroEven * 20 <= pairs) return false;
            if (zeroEven * 2 >= pairs && zeroOdd * 20 <= pairs) return true;
            return null;
        }

        private static bool StartsWith(byte[] bytes, int length, params byte[] prefix)
        {
            if (length < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
                if (bytes[i] != prefix[i]) return false;
            return true;
        }

        [DllImport("kernel32.dll")]
        private static extern int GetACP();
    }
}
