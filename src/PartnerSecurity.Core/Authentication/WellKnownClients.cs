namespace PartnerSecurity.Authentication
{
    public static class WellKnownClients
    {
        /// <summary>
        /// The public client used for interactive sign-in when no -ApplicationId is given: Microsoft Graph
        /// Command Line Tools, a first-party app in every tenant that supports dynamic consent.
        /// </summary>
        public const string ModuleClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
    }
}
