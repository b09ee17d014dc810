using System.Data.Common;

namespace ScoutPrime.Tokens.Web.Infrastructure;

public static class DatabaseOutage
{
    /// <summary>The database could not be reached or answered with an error: a 503, not a bug.</summary>
    public static bool Caused(Exception? error) => error is DbException || error?.InnerException is DbException;

    public static int StatusCodeFor(Exception error) =>
        Caused(error) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
}
