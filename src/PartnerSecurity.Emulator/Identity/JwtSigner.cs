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
        // One fixed key for every emulator in every process: tokens one process cached (a persisted MSAL
        // cache, a stored refresh token's access tokens) stay valid when a later process replays the same
        // snapshot, as they would against the one real cloud. The key is public on purpose and trusted by
        // nothing but this emulator: a token it signs is worthless anywhere else. Never reuse it.
        private static readonly Lazy<JwtSigner> s_shared = new Lazy<JwtSigner>(() => new JwtSigner(FixedKey()));

        private static RSA FixedKey()
        {
            var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters
            {
                Modulus = Convert.FromBase64String("6Iz4z/YzCBDW9RtVqbq6v3uGiaeAwBg78S1bhttOhYsbmhIJPo1zQ8KAqFtcJwPpPv1jqSCXNv70RFwhTyByinHWFBL9oeHXcuHRY2FQWWJMkluvxCaFdKAM4V7bcPwX+vyIxcArQFMK4rqJrtExdWk/MUXaTln/QB3RqRrgjVdx/Kwv+Kw9vI+Gqsp7SxMOU0Ryou/o1u7NLQjl+F7cLcG/OTUNIQ2LeMqQC2S2e1F2M0D13q/RMZdjDGxs4ex+YHOQ1xEZH0OgdbaI3sLoE9ZRlbm6G2TAeDcNCfBeMowBSCCYf0ZHtkflr7Qte3Scv+U+KsawA13+zoYiYiB1Sw=="),
                Exponent = Convert.FromBase64String("AQAB"),
                D = Convert.FromBase64String("CiblUcbQsYBysd6Qnck+D8/nrqi2USx9qWiufzOhuOi6ur4g0y8/oeyiyza5ziY4j3xmVmLK1ybIKRfQiHDFL1AK5XNyyRdf3W8IQgtkg5Jr/1OrV6fK2a2HAmuurr8CmP1fRyq9eKBncEBudEhDnXmLva3r+tGo9/aVSYmX1fOvAFlvCm7CcN3u+iH4vBAMZw81sclLaQigWufoK4aF7ptjeabRfrXBNvEN74QnZX1OyKGPCY3JtEt/R6nCJPAWWDKqAI7wXnbw7Y3uDYUG0lGBMyauV4GxvKm8el7Vi5uWe+gVsC3uyD63LIE/tygdaH9IciI0+JI061U/dZwiUQ=="),
                P = Convert.FromBase64String("/IV1lF8ysMx4COeb8XuA9772bK3OxF61koWZjc+LegVHtcnIneCM6Dwe8aVWI4maLJLv5L0DSgRL8i/nunlgRzzg6l7WRFcdbCV5Ipm7QaYCox8YZp7fn0h2pP408NhXBRfhAZWXT2bHtPr5/WcLiG7zd77OUfzmxg2mmsK8R7M="),
                Q = Convert.FromBase64String("68EVjhmgfD0ZkDBww8pPkELp1B4zjr3VyG5S4hkD7gChOK06OT+swfSdlNzglunHXpHhP2HYnkFR6+GGl9w5Pi6q4ZhylU4SZPIe1S8CyacnYz4AIUWTmn0E71QurxR9ok6e1OX1ko6J/tio/PNoZweZX+5IcRqsD12gMnN+UAk="),
                DP = Convert.FromBase64String("9I+Qe1zjbATqr70X83yoP8hLQp/mI5qSAVCwkX4S198rPy0oxXZHIVewpFl7HjnS/h5khURlXhbhMrIgnCGXFAcq0PF+VHuGPEnikpcOmxrbbP3dlO2DJ/F3Ln4f6a2sQXuJ6A3nl/ezrFxxJnDY446I70z05sSm/+MSmsnErS8="),
                DQ = Convert.FromBase64String("FraRhxE8/vs7/UJNeu+A3tszf/Yw7W2orRjD73iNgl6ZKca2t1FFKaKRlAf7s05uoNPZKawZnJWaeOlPeE4FTdJdMELptyzAZO1Wvx86W4c5KjyM8qerYtTspsorfT6yI/MDJmvJTwdgkCb7kPM6ecKnqjBg1lTFgu14Q6QQ5VE="),
                InverseQ = Convert.FromBase64String("sA/tir6Wf1/I+VsLnuzktMGa2EC1oVfcA8g5OlU27rQw+CuVDC7yPD4NMTt4taj3UDSd5b4YTrowyr0rRYiyOKov4OuMjeD8FB2xdG8Msy2iAHi5YKmCSL/0FrBP5xMbn3OWpYElu1cVDY2MubXDpggaxmZuUqS4djUYnLdUkrk="),
            });
            return rsa;
        }

        private readonly RSA _rsa;

        private JwtSigner(RSA rsa)
        {
            _rsa = rsa;
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
