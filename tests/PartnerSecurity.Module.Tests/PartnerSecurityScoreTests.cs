using System.Management.Automation;
using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Microsoft's partner security data through the cmdlets, on the demo partner: the score, requirements, history and
/// customer insights with their views at 80 and 120 columns, the comparison with our verdicts naming the users behind
/// each difference, and the errors for a missing permission and for a national cloud. Expected figures come from the
/// demo snapshot itself and from the hand-worked verdicts (tests/data/demo-expected-verdicts.json).
/// </summary>
public class PartnerSecurityScoreTests
{
    internal static JsonObject Section(string name) => (JsonObject)DemoData.Tenant("Northwind Cloud Partners")[name]!;

    internal static PowerShellSession Demo(string extra = "", int width = 120)
    {
        var session = new PowerShellSession(width: width);
        var connected = session.Run("Connect-PartnerSecurity -Demo " + extra);
        Assert.True(connected.Succeeded, string.Join(" | ", connected.Errors));
        return session;
    }

    internal static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? string.Empty;

    /// <summary>Every line of the text fits the width, and the text is not empty.</summary>
    internal static void FitsIn(string text, int width)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => l.Trim().Length > 0);
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: '{l}'"));
    }

    [Fact]
    public void The_score_shows_each_requirement_with_status_score_and_figure_at_80_and_120_columns()
    {
        using var session = Demo();
        var score = session.Run("Get-PartnerSecurityScore").Output.Single();
        var expected = Section("partnerSecurity");
        Assert.Equal((double)expected["securityScore"]!["currentScore"]!, (double)score.Properties["CurrentScore"].Value);
        var requirements = expected["requirements"]!.AsArray().Select(n => (JsonObject)n!).ToList();
        Assert.Equal(requirements.Count, ((System.Collections.ICollection)score.Properties["Requirements"].Value).Count);

        var text = session.Show("Get-PartnerSecurityScore");
        Assert.Contains($"Partner security score {(double)expected["securityScore"]!["currentScore"]!:0.##} of 100", text);
        Assert.Contains("MFA for partner admins", text);
        var budgets = requirements.Single(r => (string)r["requirementType"]! == "spendingBudgetSetForCustomerAzureSubscriptions");
        Assert.Contains($"{budgets["score"]}/{budgets["maxScore"]}  {budgets["customersWithSpendBudgetCount"]} of {budgets["totalCustomersCount"]} customers with a budget", text);
        Assert.Contains("NotCompliant", text);

        var table = session.Show("Get-PartnerSecurityScore -Requirement");
        Assert.Contains("Alerts resolved promptly", table);
        Assert.Contains($"Average response {(double)requirements.Single(r => (string)r["requirementType"]! == "securityAlertsPromptlyResolved")["averageResponseTimeInHours"]!:0.#} h", table);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Every_view_of_the_new_cmdlets_reads_at_the_console_width(int width)
    {
        using var session = Demo(width: width);
        foreach (var (command, expected) in new[]
        {
            ("Get-PartnerSecurityScore", "Customer spending budgets"),
            ("Get-PartnerSecurityScore -Requirement", "Average response"),
            ("Get-PartnerSecurityScore -History", "of 5"),
            ("Get-PartnerSecurityScore -CustomerInsight", "Tailspin Logistics"),
            ("Get-PartnerSecurityScore -Compare 2>$null 3>$null", "breakglass@tailspin"),
            ("Get-PartnerSecurityAlert", "Investigating"),
            ("Get-PartnerMfaAdoption 3>$null", "Northwind PSA Connector"),
            ("Get-PartnerMfaAdoption -User", "svc-pc-automation@"),
            ("Get-PartnerMfaAdoption -Request", "Get /v{version}/customers"),
            ("Get-PartnerCustomerSpendingBudget", "Adatum Legal"),
        })
        {
            var text = session.Show(command);
            FitsIn(text, width);
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void History_and_customer_insights_are_objects_with_views_and_insights_pipe_into_the_verdicts()
    {
        using var session = Demo();
        var history = session.Run("Get-PartnerSecurityScore -History").Output;
        Assert.Equal(Section("partnerSecurity")["history"]!.AsArray().Count, history.Count);

        var insights = session.Run("Get-PartnerSecurityScore -CustomerInsight").Output;
        Assert.Equal(new[] { "Fabrikam Dental", "Tailspin Logistics", "Adatum Legal" }, insights.Select(i => Prop(i, "CustomerName")));

        // An insight's TenantId takes the user to our verdicts for that customer.
        var verdicts = session.Run("Get-PartnerSecurityScore -CustomerInsight | Where-Object CustomerName -eq 'Tailspin Logistics' | Get-PartnerMfaStatus -AdminsOnly");
        Assert.True(verdicts.Succeeded, string.Join(" | ", verdicts.Errors));
        Assert.Contains(verdicts.Output, v => Prop(v, "UserPrincipalName") == "breakglass@tailspinlogistics.onmicrosoft.com" && Prop(v, "Status") == "NotCompliant");
    }

    [Fact]
    public void Compare_names_the_users_behind_each_difference_and_keeps_microsofts_figures_where_ours_cannot_be_read()
    {
        using var session = Demo();
        var result = session.Run("Get-PartnerSecurityScore -Compare");
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("NoDelegatedAccess", error.FullyQualifiedErrorId);
        Assert.Equal(DemoData.TenantId("Adatum Legal"), error.TargetObject?.ToString());

        var rows = result.Output;
        PSObject Row(string tenant, string measure) => rows.Single(r => Prop(r, "TenantName") == tenant && Prop(r, "Measure") == measure);
        var tailspin = Row("Tailspin Logistics", "Compliant admins");
        Assert.Equal("3", Prop(tailspin, "Microsoft"));
        Assert.Equal("2", Prop(tailspin, "Ours"));
        Assert.Equal("breakglass@tailspinlogistics.onmicrosoft.com", Prop(tailspin, "UserNames"));
        Assert.Contains("MFA-registered", Prop(tailspin, "Users"));
        var adatum = rows.Where(r => Prop(r, "TenantName") == "Adatum Legal").ToList();
        Assert.NotEmpty(adatum);
        Assert.All(adatum, r => Assert.Null(r.Properties["Ours"].Value));
        Assert.All(adatum, r => Assert.NotNull(r.Properties["Microsoft"].Value));

        var screen = session.Show("Get-PartnerSecurityScore -Compare 2>$null");
        var tailspinBlock = screen.Substring(screen.IndexOf("Tenant: Tailspin Logistics", StringComparison.Ordinal));
        var line = tailspinBlock.Split('\n').First(l => l.StartsWith("Compliant admins", StringComparison.Ordinal));
        Assert.Contains("*2", line);
        Assert.Contains("breakglass@tailspinlogistics.onmicrosoft.com", line);
        Assert.Contains("jordan.blake@northwindcloud.com", Unwrapped(screen));
    }

    internal static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>The table's text with wrapped cells joined again, so a long UPN split across lines can be found.</summary>
    private static string Unwrapped(string text) => string.Concat(text.Split('\n').Select(l => l.TrimEnd('\r').Trim()));

    [Fact]
    public void A_delegated_sign_in_without_the_permission_gets_one_error_saying_how_to_consent()
    {
        using var session = Demo();
        var token = EmulatorAccess.OfConnection(session).IssueUserAccessToken("ava.thompson@northwindcloud.com", "https://graph.microsoft.com/User.Read.All");
        session.Engine.Runspace.SessionStateProxy.SetVariable("t", Secure(token));
        var connected = session.Run("Connect-PartnerSecurity -Demo -AccessToken $t");
        Assert.True(connected.Succeeded, string.Join(" | ", connected.Errors));

        foreach (var command in new[] { "Get-PartnerSecurityScore", "Get-PartnerSecurityAlert" })
        {
            var result = session.Run(command);
            var error = result.Terminating ?? Assert.Single(result.Errors);
            Assert.StartsWith("PartnerSecurityPermissionMissing", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("delegated Microsoft Graph permission PartnerSecurity.Read.All", error.Exception.Message);
            Assert.Contains("Connect-PartnerSecurity -Scopes PartnerSecurity.Read.All", error.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain(token, error.ToString() + error.Exception + error.ErrorDetails.RecommendedAction);
        }
    }
}
