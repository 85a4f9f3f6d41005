using System;

namespace PartnerSecurity.Diagnostics
{
    /// <summary>What kind of failure an error is; the cmdlet layer maps it to a PowerShell ErrorCategory.</summary>
    public enum ErrorKind
    {
        InvalidArgument,
        InvalidData,
        ObjectNotFound,
        AuthenticationError,
        PermissionDenied,
        ConnectionError,
        ResourceUnavailable,
        InvalidOperation,
        NotSupported,
        LimitsExceeded,
    }

    /// <summary>
    /// An error the user can act on: a stable <see cref="ErrorId"/>, a message that says what went wrong,
    /// and <see cref="RecommendedAction"/> that says what to do next. Messages never carry tokens or secrets.
    /// </summary>
    public class PartnerSecurityException : Exception
    {
        public PartnerSecurityException(string errorId, ErrorKind kind, string message, string? recommendedAction = null, Exception? inner = null, object? target = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            RecommendedAction = recommendedAction;
            Target = target;
        }

        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        public string? RecommendedAction { get; }
        public object? Target { get; }
    }
}
