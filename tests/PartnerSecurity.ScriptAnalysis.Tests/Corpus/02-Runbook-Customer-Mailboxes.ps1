# Azure Automation runbook: nightly mailbox size report for every customer.
# Credential asset 'CSP-Automation' holds the automation account's user.
param([string[]] $CustomerDomains)

$cred = Get-AutomationPSCredential -Name 'CSP-Automation'
Connect-AzureAD -Credential $cred # expect: UserCredential/Medium

foreach ($domain in $CustomerDomains) {
    $tenant = Get-AzureADContract -All $true | Where-Object DefaultDomainName -eq $domain
    Connect-ExchangeOnline -Credential $cred -DelegatedOrganization $domain -ShowBanner:$false # expect: UserCredential/Medium
    Get-EXOMailbox -ResultSize Unlimited | Get-EXOMailboxStatistics |
        Select-Object DisplayName, TotalItemSize | Export-Csv "C:\Temp\$domain.csv" -NoTypeInformation
    Disconnect-ExchangeOnline -Confirm:$false
}
