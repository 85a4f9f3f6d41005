param([pscredential] $ReportAdmin)

# The workspace refresh runs as the report admin (legacy) ...
Connect-PowerBIServiceAccount -Credential $ReportAdmin # expect: UserCredential/Medium
Invoke-PowerBIRestMethod -Url 'groups/8a2f/datasets/41c9/refreshes' -Method Post

# ... and the capacity check as the service principal.
Connect-PowerBIServiceAccount -ServicePrincipal -Credential $spCredential -Tenant 'contoso.onmicrosoft.com'
Login-PowerBI -Credential $ReportAdmin -Environment Public # expect: UserCredential/Medium
