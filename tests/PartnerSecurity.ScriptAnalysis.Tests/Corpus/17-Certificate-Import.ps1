# Installs the automation certificate on a new management server, then signs in by thumbprint.
$pfxPassword = ConvertTo-SecureString 'Pfx-Install-2023' -AsPlainText -Force # expect: PlainTextPassword/High
Import-PfxCertificate -FilePath '\\fileserver\certs\automation.pfx' -CertStoreLocation Cert:\LocalMachine\My -Password $pfxPassword
Connect-ExchangeOnline -AppId $appId -CertificateThumbprint 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678' -Organization 'contoso.onmicrosoft.com'
Connect-PnPOnline -Url 'https://contoso.sharepoint.com' -ClientId $appId -Tenant 'contoso.onmicrosoft.com' -CertificatePath '.\pnp.pfx' -CertificatePassword (ConvertTo-SecureString 'PnP-Cert-Key' -AsPlainText -Force) # expect: PlainTextPassword/High
