namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>
    /// The properties of the Graph v1.0 types the emulator serves, from Graph's metadata (CSDL): what $select may name.
    /// A name outside them is Graph's 400, as in the real service.
    /// </summary>
    internal static class GraphProperties
    {
        public static readonly string[] User =
        {
            "id", "deletedDateTime", "aboutMe", "accountEnabled", "ageGroup", "assignedLicenses", "assignedPlans",
            "authorizationInfo", "birthday", "businessPhones", "city", "companyName", "consentProvidedForMinor",
            "country", "createdDateTime", "creationType", "customSecurityAttributes", "department",
            "deviceEnrollmentLimit", "displayName", "employeeHireDate", "employeeId", "employeeLeaveDateTime",
            "employeeOrgData", "employeeType", "externalUserState", "externalUserStateChangeDateTime", "faxNumber",
            "givenName", "hireDate", "identities", "identityParentId", "imAddresses", "interests",
            "isManagementRestricted", "isResourceAccount", "jobTitle", "lastPasswordChangeDateTime",
            "legalAgeGroupClassification", "licenseAssignmentStates", "mail", "mailboxSettings", "mailNickname",
            "mobilePhone", "mySite", "officeLocation", "onPremisesDistinguishedName", "onPremisesDomainName",
            "onPremisesExtensionAttributes", "onPremisesImmutableId", "onPremisesLastSyncDateTime",
            "onPremisesProvisioningErrors", "onPremisesSamAccountName", "onPremisesSecurityIdentifier",
            "onPremisesSyncEnabled", "onPremisesUserPrincipalName", "otherMails", "passwordPolicies",
            "passwordProfile", "pastProjects", "postalCode", "preferredDataLocation", "preferredLanguage",
            "preferredName", "print", "provisionedPlans", "proxyAddresses", "responsibilities", "schools",
            "securityIdentifier", "serviceProvisioningErrors", "showInAddressList", "signInActivity",
            "signInSessionsValidFromDateTime", "skills", "state", "streetAddress", "surname", "usageLocation",
            "userPrincipalName", "userType"
        };

        public static readonly string[] Group =
        {
            "id", "deletedDateTime", "accessType", "allowExternalSenders", "assignedLabels", "assignedLicenses",
            "autoSubscribeNewMembers", "classification", "createdDateTime", "description", "displayName",
            "expirationDateTime", "groupTypes", "hasMembersWithLicenseErrors", "hideFromAddressLists",
            "hideFromOutlookClients", "infoCatalogs", "isArchived", "isAssignableToRole", "isFavorite",
            "isManagementRestricted", "isSubscribedByMail", "licenseProcessingState", "mail", "mailEnabled",
            "mailNickname", "membershipRule", "membershipRuleProcessingState", "onPremisesDomainName",
            "onPremisesExtensionAttributes", "onPremisesLastSyncDateTime", "onPremisesNetBiosName",
            "onPremisesProvisioningErrors", "onPremisesSamAccountName", "onPremisesSecurityIdentifier",
            "onPremisesSyncEnabled", "organizationId", "preferredDataLocation", "preferredLanguage",
            "proxyAddresses", "renewedDateTime", "resourceBehaviorOptions", "resourceProvisioningOptions",
            "securityEnabled", "securityIdentifier", "serviceProvisioningErrors", "theme", "uniqueName",
            "unseenConversationsCount", "unseenCount", "unseenMessagesCount", "visibility",
            "welcomeMessageEnabled"
        };

        public static readonly string[] Organization =
        {
            "id", "deletedDateTime", "assignedPlans", "businessPhones", "city", "country", "countryLetterCode",
            "createdDateTime", "defaultUsageLocation", "displayName", "marketingNotificationEmails",
            "mobileDeviceManagementAuthority", "onPremisesLastSyncDateTime", "onPremisesSyncEnabled",
            "partnerTenantType", "postalCode", "preferredLanguage", "privacyProfile", "provisionedPlans",
            "securityComplianceNotificationMails", "securityComplianceNotificationPhones", "state", "street",
            "technicalNotificationMails", "tenantType", "verifiedDomains"
        };

        public static readonly string[] Application =
        {
            "id", "deletedDateTime", "addIns", "api", "appId", "applicationTemplateId", "appRoles",
            "authenticationBehaviors", "certification", "createdByAppId", "createdDateTime", "defaultRedirectUri",
            "description", "disabledByMicrosoftStatus", "displayName", "groupMembershipClaims", "identifierUris",
            "info", "isDeviceOnlyAuthSupported", "isDisabled", "isFallbackPublicClient", "keyCredentials", "logo",
            "managerApplications", "nativeAuthenticationApisEnabled", "notes", "oauth2RequirePostResponse",
            "optionalClaims", "parentalControlSettings", "passwordCredentials", "publicClient", "publisherDomain",
            "requestSignatureVerification", "requiredResourceAccess", "samlMetadataUrl",
            "serviceManagementReference", "servicePrincipalLockConfiguration", "signInAudience", "spa", "tags",
            "tokenEncryptionKeyId", "uniqueName", "verifiedPublisher", "web"
        };

        public static readonly string[] ServicePrincipal =
        {
            "id", "deletedDateTime", "accountEnabled", "addIns", "alternativeNames", "appDescription",
            "appDisplayName", "appId", "applicationTemplateId", "appOwnerOrganizationId",
            "appRoleAssignmentRequired", "appRoles", "createdByAppId", "customSecurityAttributes", "description",
            "disabledByMicrosoftStatus", "displayName", "homepage", "info", "isDisabled", "keyCredentials",
            "loginUrl", "logoutUrl", "notes", "notificationEmailAddresses", "oauth2PermissionScopes",
            "passwordCredentials", "preferredSingleSignOnMode", "preferredTokenSigningKeyThumbprint", "replyUrls",
            "resourceSpecificApplicationPermissions", "samlSingleSignOnSettings", "servicePrincipalNames",
            "servicePrincipalType", "signInAudience", "tags", "tokenEncryptionKeyId", "verifiedPublisher"
        };

        public static readonly string[] RoleDefinition =
        {
            "id", "description", "displayName", "isBuiltIn", "isEnabled", "resourceScopes", "rolePermissions",
            "templateId", "version"
        };

        public static readonly string[] RoleAssignment =
        {
            "id", "appScopeId", "condition", "directoryScopeId", "principalId", "principalOrganizationId",
            "roleDefinitionId"
        };

        public static readonly string[] RoleEligibilitySchedule =
        {
            "id", "appScopeId", "createdDateTime", "createdUsing", "directoryScopeId", "modifiedDateTime",
            "principalId", "roleDefinitionId", "status", "memberType", "scheduleInfo"
        };

        public static readonly string[] ConditionalAccessPolicy =
        {
            "deletedDateTime", "conditions", "createdDateTime", "description", "displayName", "grantControls",
            "id", "modifiedDateTime", "sessionControls", "state", "templateId"
        };

        public static readonly string[] UserRegistrationDetails =
        {
            "id", "isAdmin", "isMfaCapable", "isMfaRegistered", "isPasswordlessCapable", "isSsprCapable",
            "isSsprEnabled", "isSsprRegistered", "isSystemPreferredAuthenticationMethodEnabled",
            "lastUpdatedDateTime", "methodsRegistered", "systemPreferredAuthenticationMethods", "userDisplayName",
            "userPreferredMethodForSecondaryAuthentication", "userPrincipalName", "userType"
        };

        public static readonly string[] DelegatedAdminRelationship =
        {
            "id", "accessDetails", "activatedDateTime", "autoExtendDuration", "createdDateTime", "customer",
            "displayName", "duration", "endDateTime", "lastModifiedDateTime", "status"
        };

        public static readonly string[] SecurityDefaults =
        {
            "id", "deletedDateTime", "description", "displayName", "isEnabled"
        };
    }
}
