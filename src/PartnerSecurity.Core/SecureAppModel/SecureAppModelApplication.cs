using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;
using PartnerSecurity.Http;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>What New-SecureAppModelApplication made: the app registration and its credential. The secret, when one was asked for, is a SecureString.</summary>
    public sealed class SecureAppModelApplication
    {
        public string ApplicationId { get; internal set; } = string.Empty;
        public string TenantId { get; internal set; } = string.Empty;
        public string DisplayName { get; internal set; } = string.Empty;
        /// <summary>Certificate or ClientSecret.</summary>
        public string CredentialType { get; internal set; } = string.Empty;
        public string? CertificateThumbprint { get; internal set; }
        public DateTimeOffset? SecretExpiresOn { get; internal set; }
        public SecureString? ClientSecret { get; internal set; }
        public string ObjectId { get; internal set; } = string.Empty;
        public string ServicePrincipalId { get; internal set; } = string.Empty;
        /// <summary>Whether the app already existed (matched by display name) and was updated.</summary>
        public bool Updated { get; internal set; }

        public override string ToString() => $"{DisplayName} ({ApplicationId})";
    }

    /// <summary>What to create; a certificate is generated unless one is given or a secret is asked for.</summary>
    public sealed class SecureAppModelApplicationRequest
    {
        public string DisplayName { get; set; } = "PartnerSecurity Secure Application Model";
        public X509Certificate2? Certificate { get; set; }
        public bool UseClientSecret { get; set; }
        public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromDays(365 * 2);
        /// <summary>Asked before each change (the -WhatIf/-Confirm of the cmdlet): target, action; false skips it.</summary>
        public Func<string, string, Task<bool>> ShouldProcess { get; set; } = (t, a) => Task.FromResult(true);
        /// <summary>Progress: a step's description.</summary>
        public Action<string>? Progress { get; set; }
    }

    /// <summary>
    /// Creates or updates (matched by display name, idempotently) the Secure Application Model app registration
    /// in the partner tenant: multi-tenant, delegated permissions for Partner Center user_impersonation and
    /// Microsoft Graph (<see cref="SamPermissions"/>), the loopback redirect URI, a credential, its service
    /// principal, and membership in AdminAgents so partner admin agents' consent extends to customers.
    /// </summary>
    public static class SecureAppModelApplicationProvisioner
    {
        public const string RedirectUri = "http://localhost";
        public const string AdminAgentsGroup = "AdminAgents";

        public static async Task<SecureAppModelApplication?> ProvisionAsync(PartnerConnection connection, SecureAppModelApplicationRequest request, CancellationToken cancellationToken)
        {
            var tenantId = connection.HomeTenantId;
            var graph = connection.Graph(tenantId, ApiResource.GraphApplicationAdmin);
            var graphRoot = connection.Environment.GraphEndpoint + "/v1.0";
            var result = new SecureAppModelApplication { TenantId = tenantId, DisplayName = request.DisplayName };
            try
            {
                request.Progress?.Invoke("Looking for the application");
                var application = await FindApplicationAsync(connection, graph, tenantId, request.DisplayName, cancellationToken).ConfigureAwait(false);
                result.Updated = application != null;

                var desired = Desired(request.DisplayName);
                string target = $"{request.DisplayName} in tenant {connection.Context.TenantName}";
                if (application == null)
                {
                    if (!await request.ShouldProcess(target, "Create the multi-tenant app registration (Partner Center user_impersonation, Microsoft Graph delegated permissions, loopback redirect URI)").ConfigureAwait(false))
                        return await PreviewRemainingAsync(request, target).ConfigureAwait(false);
                    request.Progress?.Invoke("Creating the application");
                    // A fresh object for each attempt: the SDK sends only what changed since an object was last sent.
                    application = await CreateOnceAsync(connection, "Creating the application",
                        () => graph.Applications.PostAsync(Desired(request.DisplayName), cancellationToken: cancellationToken),
                        () => FindApplicationAsync(connection, graph, tenantId, request.DisplayName, cancellationToken)).ConfigureAwait(false);
                    application.KeyCredentials ??= new List<KeyCredential>();
                }
                else if (await request.ShouldProcess(target, "Update the app registration's permissions, audience and redirect URI").ConfigureAwait(false))
                {
                    request.Progress?.Invoke("Updating the application");
                    await graph.Applications[application.Id].PatchAsync(desired, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                result.ObjectId = application.Id ?? string.Empty;
                result.ApplicationId = application.AppId ?? string.Empty;

                if (!await AddCredentialAsync(connection, graph, application, request, result, target, connection.Now, cancellationToken).ConfigureAwait(false))
                    return null;

                request.Progress?.Invoke("Creating the service principal");
                var principal = await FindServicePrincipalAsync(connection, graph, result.ApplicationId, cancellationToken).ConfigureAwait(false);
                if (principal == null)
                {
                    if (!await request.ShouldProcess(target, "Create the service principal in the partner tenant").ConfigureAwait(false)) return null;
                    principal = await CreateOnceAsync(connection, "Creating the service principal",
                        () => graph.ServicePrincipals.PostAsync(new ServicePrincipal { AppId = result.ApplicationId }, cancellationToken: cancellationToken),
                        () => FindServicePrincipalAsync(connection, graph, result.ApplicationId, cancellationToken)).ConfigureAwait(false);
                }
                result.ServicePrincipalId = principal?.Id ?? string.Empty;

                request.Progress?.Invoke("Adding the service principal to AdminAgents");
                var groups = await ListAsync(GraphPaging.ReadAllAsync(graph, connection.Paged("Looking for the AdminAgents group", tenantId),
                    ct => graph.Groups.GetAsync(r =>
                    {
                        r.QueryParameters.Filter = "displayName eq " + ODataLiteral.String(AdminAgentsGroup);
                        r.QueryParameters.Select = new[] { "id", "displayName" };
                    }, ct),
                    GroupCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken)).ConfigureAwait(false);
                var adminAgents = groups.FirstOrDefault()
                    ?? throw new PartnerSecurityException("AdminAgentsNotFound", ErrorKind.ObjectNotFound,
                        $"Tenant '{tenantId}' has no AdminAgents group: it does not look like a CSP partner tenant.", "Connect to your partner tenant (the one enrolled in the CSP program) and run this again.", null, tenantId);
                Func<Task<bool>> isMember = () => IsMemberAsync(connection, graph, adminAgents.Id!, result.ServicePrincipalId, cancellationToken);
                if (!await isMember().ConfigureAwait(false) && await request.ShouldProcess(target, "Add the service principal to the AdminAgents group").ConfigureAwait(false))
                {
                    await CreateOnceAsync(connection, "Adding the service principal to AdminAgents", async () =>
                    {
                        try
                        {
                            await graph.Groups[adminAgents.Id].Members.Ref.PostAsync(new ReferenceCreate { OdataId = $"{graphRoot}/directoryObjects/{GraphPath.Segment(result.ServicePrincipalId)}" }, cancellationToken: cancellationToken).ConfigureAwait(false);
                        }
                        catch (ApiException ex) when (ex.ResponseStatusCode == 400)
                        {
                            // "One or more added object references already exist": an earlier attempt added it.
                            if (!await isMember().ConfigureAwait(false)) throw;
                        }
                        return adminAgents;
                    }, async () => await isMember().ConfigureAwait(false) ? adminAgents : null).ConfigureAwait(false);
                }
                return result;
            }
            catch (ApiException ex)
            {
                var translated = GraphErrors.Translate(ex, tenantId, "Provisioning the Secure Application Model application");
                if (translated.ErrorId == ErrorIds.GraphAccessDenied)
                    throw new PartnerSecurityException(ErrorIds.GraphAccessDenied, ErrorKind.PermissionDenied, translated.Message,
                        "Connect as a Global Administrator with the app-registration permissions: Connect-PartnerSecurity -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All.", ex, tenantId);
                throw translated;
            }
        }

        /// <summary>The application named so, or null; more than one is an error (the name is how a rerun finds it).</summary>
        private static async Task<Application?> FindApplicationAsync(PartnerConnection connection, GraphServiceClient graph, string tenantId, string displayName, CancellationToken cancellationToken)
        {
            var existing = await ListAsync(GraphPaging.ReadAllAsync(graph, connection.Paged("Looking for the application", tenantId),
                ct => graph.Applications.GetAsync(r =>
                {
                    r.QueryParameters.Filter = "displayName eq " + ODataLiteral.String(displayName);
                    r.QueryParameters.Select = new[] { "id", "appId", "displayName", "keyCredentials", "passwordCredentials" };
                }, ct),
                ApplicationCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken)).ConfigureAwait(false);
            if (existing.Count > 1)
                throw new PartnerSecurityException("ApplicationNameAmbiguous", ErrorKind.InvalidOperation,
                    $"{existing.Count} applications in tenant '{tenantId}' are named '{displayName}'.", "Give -DisplayName a name no other application uses, or remove the duplicates.", null, displayName);
            return existing.FirstOrDefault();
        }

        private static async Task<ServicePrincipal?> FindServicePrincipalAsync(PartnerConnection connection, GraphServiceClient graph, string appId, CancellationToken cancellationToken) =>
            (await ListAsync(GraphPaging.ReadAllAsync(graph, connection.Paged("Looking for the service principal", connection.HomeTenantId),
                ct => graph.ServicePrincipals.GetAsync(r =>
                {
                    r.QueryParameters.Filter = "appId eq " + ODataLiteral.String(appId);
                    r.QueryParameters.Select = new[] { "id", "appId" };
                }, ct),
                ServicePrincipalCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken)).ConfigureAwait(false)).FirstOrDefault();

        private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items)
        {
            var list = new List<T>();
            await foreach (var item in items.ConfigureAwait(false)) list.Add(item);
            return list;
        }

        private static async Task<bool> IsMemberAsync(PartnerConnection connection, GraphServiceClient graph, string groupId, string memberId, CancellationToken cancellationToken)
        {
            await foreach (var member in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading the members of AdminAgents", connection.HomeTenantId),
                ct => graph.Groups[groupId].Members.GetAsync(r => r.QueryParameters.Select = new[] { "id" }, ct),
                DirectoryObjectCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(member.Id, memberId, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>
        /// A creation that must happen once. When its answer is lost on the way (the pipeline does not send a creating
        /// request twice: <see cref="AmbiguousRequestException"/>), <paramref name="find"/> looks for what it made; only
        /// when nothing is there is it sent again. A rerun after any failure converges the same way.
        /// </summary>
        private static async Task<T> CreateOnceAsync<T>(PartnerConnection connection, string what, Func<Task<T?>> create, Func<Task<T?>> find) where T : class
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return await create().ConfigureAwait(false)
                        ?? throw new PartnerSecurityException("ObjectNotCreated", ErrorKind.InvalidOperation, $"{what}: Graph answered without the object.", "Run the command again.");
                }
                catch (Exception ex) when (attempt <= connection.RetryPolicy.MaxRetries && (ex is AmbiguousRequestException || (ex is ApiException api && api.ResponseStatusCode == 409)))
                {
                    // 409: it exists already, made by an earlier attempt whose answer was lost.
                    OperationLog.Verbose($"{what}: the answer was lost on the way; looking for what the request made before sending it again.");
                    var made = await find().ConfigureAwait(false);
                    if (made != null) return made;
                }
            }
        }

        /// <summary>Under -WhatIf nothing exists yet: show the later steps too, then stop.</summary>
        private static async Task<SecureAppModelApplication?> PreviewRemainingAsync(SecureAppModelApplicationRequest request, string target)
        {
            await request.ShouldProcess(target, request.UseClientSecret ? "Add a client secret" : request.Certificate != null ? "Register the given certificate" : "Generate a certificate, keep it with its key in CurrentUser\\My, and register it").ConfigureAwait(false);
            await request.ShouldProcess(target, "Create the service principal in the partner tenant").ConfigureAwait(false);
            await request.ShouldProcess(target, "Add the service principal to the AdminAgents group").ConfigureAwait(false);
            return null;
        }

        /// <summary>The registration's settings that New-SecureAppModelApplication owns.</summary>
        public static Application Desired(string displayName) => new Application
        {
            DisplayName = displayName,
            SignInAudience = "AzureADMultipleOrgs",
            IsFallbackPublicClient = true,
            Web = new WebApplication { RedirectUris = new List<string> { RedirectUri } },
            PublicClient = new Microsoft.Graph.Models.PublicClientApplication { RedirectUris = new List<string> { RedirectUri } },
            RequiredResourceAccess = SamPermissions.All.Select(api => new RequiredResourceAccess
            {
                ResourceAppId = api.AppId.ToString(),
                ResourceAccess = api.Permissions.Select(p => new ResourceAccess { Id = p.Id, Type = "Scope" }).ToList(),
            }).ToList(),
        };

        private static async Task<bool> AddCredentialAsync(PartnerConnection connection, GraphServiceClient graph, Application application, SecureAppModelApplicationRequest request,
            SecureAppModelApplication result, string target, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (request.UseClientSecret)
            {
                result.CredentialType = "ClientSecret";
                if (!await request.ShouldProcess(target, "Add a client secret (shown once, as a SecureString)").ConfigureAwait(false)) return false;
                request.Progress?.Invoke("Adding a client secret");
                var credential = await AddPasswordOnceAsync(connection, graph, application.Id!, now + request.CredentialLifetime, cancellationToken).ConfigureAwait(false);
                if (credential?.SecretText == null)
                    throw new PartnerSecurityException("SecretNotReturned", ErrorKind.InvalidOperation, "Graph returned no secret text.", "Run the command again.");
                result.ClientSecret = SecureStrings.Protect(credential.SecretText);
                result.SecretExpiresOn = credential.EndDateTime;
                return true;
            }

            result.CredentialType = "Certificate";
            var registered = application.KeyCredentials ?? new List<KeyCredential>();
            var registeredThumbprints = registered.Where(k => k.CustomKeyIdentifier != null)
                .Select(k => BitConverter.ToString(k.CustomKeyIdentifier!).Replace("-", string.Empty)).ToList();
            if (request.Certificate != null)
            {
                result.CertificateThumbprint = request.Certificate.Thumbprint;
                if (registeredThumbprints.Contains(request.Certificate.Thumbprint, StringComparer.OrdinalIgnoreCase)) return true;
                if (!await request.ShouldProcess(target, $"Register the certificate {request.Certificate.Thumbprint}").ConfigureAwait(false)) return false;
                await RegisterAsync(graph, application, request.Certificate, cancellationToken).ConfigureAwait(false);
                return true;
            }
            // Idempotent: a registered certificate whose key this user holds is reused.
            var usable = registeredThumbprints.FirstOrDefault(t => SelfSignedCertificates.FindWithPrivateKey(t) != null);
            if (usable != null)
            {
                result.CertificateThumbprint = usable;
                return true;
            }
            if (!await request.ShouldProcess(target, "Generate a certificate, keep it with its private key in CurrentUser\\My, and register it").ConfigureAwait(false)) return false;
            request.Progress?.Invoke("Generating and registering a certificate");
            var generated = SelfSignedCertificates.Create(request.DisplayName, now.AddDays(-1), now + request.CredentialLifetime);
            SelfSignedCertificates.AddToCurrentUserStore(generated);
            result.CertificateThumbprint = generated.Thumbprint;
            await RegisterAsync(graph, application, generated, cancellationToken).ConfigureAwait(false);
            return true;
        }

        /// <summary>
        /// addPassword, once. A secret's text is shown only in the answer, so when that answer is lost the secret it
        /// made (found by the unique name this call gave it) is removed before another is added: the application never
        /// keeps a secret nobody has.
        /// </summary>
        private static async Task<PasswordCredential?> AddPasswordOnceAsync(PartnerConnection connection, GraphServiceClient graph, string applicationId, DateTimeOffset endDateTime, CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                var name = "PartnerSecurity SAM " + Guid.NewGuid().ToString("N").Substring(0, 8);
                try
                {
                    return await graph.Applications[applicationId].AddPassword.PostAsync(new Microsoft.Graph.Applications.Item.AddPassword.AddPasswordPostRequestBody
                    {
                        PasswordCredential = new PasswordCredential { DisplayName = name, EndDateTime = endDateTime },
                    }, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (AmbiguousRequestException) when (attempt <= connection.RetryPolicy.MaxRetries)
                {
                    OperationLog.Verbose("Adding a client secret: the answer, the only place its text appears, was lost on the way; removing the secret it made before adding another.");
                    var app = await graph.Applications[applicationId].GetAsync(r => r.QueryParameters.Select = new[] { "id", "passwordCredentials" }, cancellationToken).ConfigureAwait(false);
                    foreach (var orphan in app?.PasswordCredentials?.Where(c => c.DisplayName == name && c.KeyId != null) ?? Enumerable.Empty<PasswordCredential>())
                    {
                        await CreateOnceAsync(connection, "Removing the secret whose text was lost", async () =>
                        {
                            await graph.Applications[applicationId].RemovePassword.PostAsync(new Microsoft.Graph.Applications.Item.RemovePassword.RemovePasswordPostRequestBody { KeyId = orphan.KeyId }, cancellationToken: cancellationToken).ConfigureAwait(false);
                            return orphan;
                        }, async () =>
                        {
                            var now = await graph.Applications[applicationId].GetAsync(r => r.QueryParameters.Select = new[] { "id", "passwordCredentials" }, cancellationToken).ConfigureAwait(false);
                            return now?.PasswordCredentials?.Any(c => c.KeyId == orphan.KeyId) == true ? null : orphan;
                        }).ConfigureAwait(false);
                    }
                }
            }
        }

        /// <summary>
        /// PATCH keyCredentials: every certificate already on the app plus the new one. PATCH replaces the whole
        /// collection, and Graph returns a certificate's key only when one application is read with
        /// $select=keyCredentials (null in a list), so the keys are read back that way first: a certificate another
        /// runbook host registered is kept, never dropped for want of its key.
        /// </summary>
        private static async Task RegisterAsync(GraphServiceClient graph, Application application, X509Certificate2 certificate, CancellationToken cancellationToken)
        {
            var current = (await graph.Applications[application.Id].GetAsync(r => r.QueryParameters.Select = new[] { "id", "keyCredentials" }, cancellationToken).ConfigureAwait(false))
                ?.KeyCredentials ?? new List<KeyCredential>();
            var unreadable = current.FirstOrDefault(k => k.Key == null);
            if (unreadable != null)
                throw new PartnerSecurityException("KeyCredentialUnreadable", ErrorKind.InvalidData,
                    $"Graph returned the certificate {unreadable.KeyId} ({unreadable.DisplayName}) of application {application.AppId} without its key, so a new certificate cannot be added without removing it. Nothing was changed.",
                    "Run the command again; if it persists, add the certificate in the Entra admin center (App registrations > Certificates & secrets).", null, application.AppId);
            var keys = current
                .Select(k => new KeyCredential { KeyId = k.KeyId, Type = k.Type, Usage = k.Usage, Key = k.Key, DisplayName = k.DisplayName })
                .ToList();
            keys.Add(new KeyCredential
            {
                KeyId = Guid.NewGuid(),
                Type = "AsymmetricX509Cert",
                Usage = "Verify",
                Key = certificate.Export(X509ContentType.Cert),
                DisplayName = "CN=" + certificate.GetNameInfo(X509NameType.SimpleName, false),
            });
            await graph.Applications[application.Id].PatchAsync(new Application { KeyCredentials = keys }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
