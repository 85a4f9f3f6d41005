using System.Text;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;

namespace PartnerSecurity.Tests.Authentication;

public class TokenClaimsTests
{
    private static string Jwt(string payload) =>
        "eyJhbGciOiJSUzI1NiJ9." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".sig";

    [Theory]
    [InlineData("{\"amr\":[\"pwd\",\"mfa\"]}", true)]
    [InlineData("{\"amr\":[\"pwd\"]}", false)]
    [InlineData("{\"amr\":[\"pwd\",\"rsa\"]}", false)]
    [InlineData("{}", false)]
    [InlineData("{\"amr\":[\"http://schemas.microsoft.com/claims/multipleauthn\"]}", true)]
    public void The_mfa_claim_is_read_from_amr_including_adfs_multipleauthn(string payload, bool hasMfa) =>
        Assert.Equal(hasMfa, TokenClaims.Parse(Jwt(payload)).HasMfaClaim);

    [Fact]
    public void Delegated_and_app_only_tokens_are_told_apart()
    {
        var delegated = TokenClaims.Parse(Jwt("{\"tid\":\"t\",\"oid\":\"o\",\"upn\":\"a@b.com\",\"scp\":\"User.Read.All Policy.Read.All\",\"exp\":1900000000}"));
        Assert.False(delegated.IsAppOnly);
        Assert.Equal(new[] { "User.Read.All", "Policy.Read.All" }, delegated.Scopes);
        Assert.Equal("a@b.com", delegated.UserPrincipalName);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), delegated.ExpiresOn);
        Assert.True(TokenClaims.Parse(Jwt("{\"idtyp\":\"app\",\"roles\":[\"User.Read.All\"]}")).IsAppOnly);
    }

    [Fact]
    public void Something_that_is_not_a_jwt_is_refused() =>
        Assert.Throws<FormatException>(() => TokenClaims.Parse("not a token"));

    [Theory]
    [InlineData("8e8d3f5a-1c2b-4d3e-9f00-112233445566", true)]
    [InlineData("contoso.onmicrosoft.com", true)]
    [InlineData("contoso.com", true)]
    [InlineData("contoso", false)]
    [InlineData("bad id", false)]
    [InlineData("contoso.onmicrosoft.com'; drop", false)]
    [InlineData("", false)]
    [InlineData("https://contoso.com", false)]
    public void Tenants_are_guids_or_domain_names(string value, bool valid) =>
        Assert.Equal(valid, TenantIdentifier.IsValid(value));
}
