using System;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// Certificate credentials: validates a client_assertion JWT (RFC 7523) against the certificates
    /// registered in the application's keyCredentials, as Entra ID does: PS256 or RS256, the certificate named
    /// by x5t#S256 or x5t, aud the token endpoint, iss = sub = the client id, a current lifetime.
    /// </summary>
    public static class ClientAssertions
    {
        /// <summary>Clock skew allowed on nbf/exp. Assertions are signed with the client machine's clock.</summary>
        public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

        public static void Register(IdentityService identity) =>
            identity.ClientAssertionValidator = (client, assertion, endpoint) => Validate(identity.Context, client, assertion, endpoint);

        public static (int Code, string Description)? Validate(EmulatorContext context, ClientApp client, string assertion, Uri endpoint)
        {
            var parts = assertion.Split('.');
            if (parts.Length != 3) return (50027, "JWT token is invalid or malformed.");
            JsonObject? header, payload;
            try
            {
                header = JsonNode.Parse(Base64Url.Decode(parts[0])) as JsonObject;
                payload = JsonNode.Parse(Base64Url.Decode(parts[1])) as JsonObject;
            }
            catch (Exception ex) when (ex is FormatException || ex is System.Text.Json.JsonException)
            {
                return (50027, "JWT token is invalid or malformed.");
            }
            if (header == null || payload == null) return (50027, "JWT token is invalid or malformed.");

            var alg = (string?)header["alg"];
            if (alg != "PS256" && alg != "RS256")
                return (5002738, $"Invalid JWT token. '{alg}' is not a supported signature algorithm.");
            if ((string?)payload["iss"] != client.AppId || (string?)payload["sub"] != client.AppId)
                return (700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
            if (!AudienceMatches((string?)payload["aud"], endpoint, context))
                return (700212, $"No matching federated identity record found for presented assertion audience '{(string?)payload["aud"]}'. The audience must be the token endpoint.");
            var realNow = DateTimeOffset.UtcNow;
            var exp = Seconds(payload["exp"]) is long expSeconds ? DateTimeOffset.FromUnixTimeSeconds(expSeconds) : (DateTimeOffset?)null;
            if (exp == null || exp.Value + Skew < realNow)
                return (700024, "Client assertion is not within its valid time range.");
            if (Seconds(payload["nbf"]) is long nbfSeconds && DateTimeOffset.FromUnixTimeSeconds(nbfSeconds) - Skew > realNow)
                return (700024, "Client assertion is not within its valid time range.");

            var sha256 = (string?)header["x5t#S256"];
            var sha1 = (string?)header["x5t"];
            if (sha256 == null && sha1 == null) return (700027, "Client assertion failed signature validation. [Reason - The key was not found.] The header names no certificate (x5t#S256 or x5t).");
            if (client.Application == null || client.Home == null)
                return (700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");

            X509Certificate2? certificate = null;
            JsonObject? credential = null;
            lock (client.Home.Sync)
            {
                foreach (var key in (client.Application["keyCredentials"] as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
                {
                    var candidate = Certificate(key);
                    if (candidate == null) continue;
                    using var s256 = SHA256.Create();
                    if ((sha256 != null && Base64Url.Encode(s256.ComputeHash(candidate.RawData)) == sha256)
                        || (sha1 != null && Base64Url.Encode(candidate.GetCertHash()) == sha1))
                    {
                        certificate = candidate;
                        credential = key;
                        break;
                    }
                }
            }
            var thumbprint = sha1 != null ? BitConverter.ToString(Base64Url.Decode(sha1)).Replace("-", string.Empty) : sha256;
            if (certificate == null || credential == null)
                return (700027, $"Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '{thumbprint}'] Register the certificate on application '{client.AppId}'.");
            if (credential["endDateTime"] is JsonNode end && DateTimeOffset.TryParse((string?)end, out var expires) && expires <= context.Clock.UtcNow)
                return (700027, $"Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '{thumbprint}']");

            using var rsa = certificate.GetRSAPublicKey();
            if (rsa == null) return (700027, "Client assertion failed signature validation. [Reason - The registered key is not an RSA key.]");
            var padding = alg == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            bool valid;
            try
            {
                valid = rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2]), HashAlgorithmName.SHA256, padding);
            }
            catch (Exception ex) when (ex is FormatException || ex is CryptographicException)
            {
                valid = false;
            }
            return valid ? null : (700027, $"Client assertion contains an invalid signature. [Reason - The signature does not verify with the registered key., Thumbprint of key used by client: '{thumbprint}']");
        }

        /// <summary>A NumericDate claim; MSAL writes them as JSON strings, other clients as numbers.</summary>
        private static long? Seconds(JsonNode? node)
        {
            if (!(node is JsonValue value)) return null;
            if (value.TryGetValue(out long number)) return number;
            if (value.TryGetValue(out string? text) && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed)) return parsed;
            return null;
        }

        /// <summary>The certificate a keyCredential holds (Graph keeps the DER bytes, base64, in "key").</summary>
        public static X509Certificate2? Certificate(JsonObject keyCredential)
        {
            var key = (string?)keyCredential["key"];
            if (string.IsNullOrEmpty(key)) return null;
            try
            {
                return new X509Certificate2(Convert.FromBase64String(key));
            }
            catch (Exception ex) when (ex is FormatException || ex is CryptographicException)
            {
                return null;
            }
        }

        /// <summary>The audience must be this token endpoint; the tenant may be named by id or by domain.</summary>
        private static bool AudienceMatches(string? audience, Uri endpoint, EmulatorContext context)
        {
            if (string.IsNullOrEmpty(audience) || !Uri.TryCreate(audience, UriKind.Absolute, out var aud)) return false;
            if (!string.Equals(aud.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase)) return false;
            var a = aud.AbsolutePath.Trim('/').Split('/');
            var b = endpoint.AbsolutePath.Trim('/').Split('/');
            if (a.Length != b.Length || a.Length < 2) return false;
            if (!a.Skip(1).SequenceEqual(b.Skip(1), StringComparer.OrdinalIgnoreCase)) return false;
            if (string.Equals(a[0], b[0], StringComparison.OrdinalIgnoreCase)) return true;
            var ta = context.Cloud.FindTenant(a[0]);
            return ta != null && ta == context.Cloud.FindTenant(b[0]);
        }
    }
}
