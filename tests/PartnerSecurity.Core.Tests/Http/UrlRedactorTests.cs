using PartnerSecurity.Http;

namespace PartnerSecurity.Tests.Http;

public class UrlRedactorTests
{
    [Fact]
    public void Credential_parameters_lose_their_values_and_the_rest_is_kept()
    {
        var url = new Uri("http://localhost:5000/?code=0.AbCdEf&state=xyz&session_state=abc&client_info=eyJ1");
        var redacted = UrlRedactor.Redact(url);
        Assert.DoesNotContain("0.AbCdEf", redacted);
        Assert.DoesNotContain("xyz", redacted);
        Assert.Contains("code=***", redacted);
        Assert.Contains("session_state=abc", redacted);
    }

    [Fact]
    public void Graph_query_options_are_kept()
    {
        var url = new Uri("https://graph.microsoft.com/v1.0/users?$select=id,userPrincipalName&$top=999&$filter=userPrincipalName%20eq%20'a'");
        Assert.Equal(url.AbsoluteUri, UrlRedactor.Redact(url));
    }

    [Fact]
    public void Form_bodies_are_redacted_the_same_way()
    {
        var body = "grant_type=refresh_token&refresh_token=1.AXYZ&client_secret=s3cr3t&scope=openid";
        var redacted = UrlRedactor.RedactQuery(body);
        Assert.Equal("grant_type=refresh_token&refresh_token=***&client_secret=***&scope=openid", redacted);
    }
}
