using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// Signs the emulator's tokens with RS256 and publishes the public key at the JWKS URI; validates the
    /// bearer tokens that come back to the emulated Graph and Partner Center.
    /// </summary>
    public sealed class JwtSigner
    {
        // One key per process: generating RSA keys is slow and nothing depends on the key's value.
        private static readonly Lazy<JwtSigner> s_shared = new Lazy<JwtSigner>(() => new JwtSigner(RSA.Create()));

        private readonly RSA _rsa;

        private JwtSigner(RSA rsa)
        {
            _rsa = rsa;
            if (_rsa.KeySize < 2048) _rsa.KeySize = 2048;
            var parameters = _rsa.ExportParameters(false);
            using var sha = SHA256.Create();
            KeyId = Base64Url.Encode(sha.ComputeHash(parameters.Modulus!)).Substring(0, 27);
        }

        public static JwtSigner Shared => s_shared.Value;

        public string KeyId { get; }

        public string Sign(JsonObject payload)
        {
            var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5t"] = KeyId, ["kid"] = KeyId };
            var signingInput = Base64Url.Encode(header.ToJsonString()) + "." + Base64Url.Encode(payload.ToJsonString());
            var signature = _rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return signingInput + "." + Base64Url.Encode(signature);
        }

        /// <summary>The payload of a token this emulator signed, or null when the token is malformed or forged.</summary>
        public JsonObject? Verify(string token)
        {
            var parts = token.Split('.');
            if (parts.Length != 3) return null;
            try
            {
                var signature = Base64Url.Decode(parts[2]);
                if (!_rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                    return null;
                return JsonNode.Parse(Base64Url.Decode(parts[1])) as JsonObject;
            }
            catch (Exception ex) when (ex is FormatException || ex is System.Text.Json.JsonException || ex is CryptographicException)
            {
                return null;
            }
        }

        public JsonObject Jwks()
        {
            var p = _rsa.ExportParameters(false);
            return new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = KeyId,
                    ["x5t"] = KeyId,
                    ["n"] = Base64Url.Encode(p.Modulus!),
                    ["e"] = Base64Url.Encode(p.Exponent!),
                    ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
                }),
            };
        }
    }
}
