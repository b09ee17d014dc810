using Microsoft.Extensions.Logging.Testing;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

public static class LogLines
{
    extension(FakeLogCollector logs)
    {
        /// <summary>
        /// Every record so far, one line each as a log file would hold it: level, category, message and exception
        /// (stack trace included), so a test can prove what never reaches a log. A snapshot, taken at each read.
        /// </summary>
        public IReadOnlyList<string> Lines => [.. logs.GetSnapshot().Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception}")];
    }
}
