using System;
using System.Management.Automation;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Formatting;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// Builds PowerShell error records from core exceptions: stable id, category, target, and what to do next. What the
    /// error view shows (ErrorDetails) has tenant data escaped (TerminalText); the exception keeps the true text.
    /// </summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(Exception exception, object? target = null)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) exception = aggregate.InnerExceptions[0];
            if (exception is PartnerSecurityException known)
            {
                var record = new ErrorRecord(known, known.ErrorId, Category(known.Kind), target ?? known.Target);
                record.ErrorDetails = new ErrorDetails(TerminalText.EscapeMessage(known.Message));
                if (known.RecommendedAction != null) record.ErrorDetails.RecommendedAction = TerminalText.EscapeMessage(known.RecommendedAction);
                return record;
            }
            return new ErrorRecord(exception, exception.GetType().Name, ErrorCategory.NotSpecified, target)
            {
                ErrorDetails = new ErrorDetails(TerminalText.EscapeMessage(exception.Message)),
            };
        }

        public static ErrorRecord Create(string errorId, ErrorKind kind, string message, string? recommendedAction, object? target) =>
            From(new PartnerSecurityException(errorId, kind, message, recommendedAction), target);

        private static ErrorCategory Category(ErrorKind kind) => kind switch
        {
            ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            ErrorKind.InvalidData => ErrorCategory.InvalidData,
            ErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            ErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
            ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            ErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
            ErrorKind.NotSupported => ErrorCategory.NotImplemented,
            ErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
