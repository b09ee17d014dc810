using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ScoutPrime.Tokens.Web.Data;

public static class DataExtensions
{
    public const string ConnectionStringName = "Tokens";
    public const string DefaultSqliteConnectionString = "Data Source=scoutprime-tokens.db";
    public const string ApplicationName = "ScoutPrime.Tokens";
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    public static WebApplicationBuilder AddTokensData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);

        if (options.Provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"Database:Provider is SqlServer but ConnectionStrings:{ConnectionStringName} is not set.");
            }

            builder.Services.AddDbContextPool<TokensDbContext, SqlServerTokensDbContext>(o => o.UseSqlServer(connectionString).ConfigureWarnings(RefuseRiskyQueries));
        }
        else
        {
            var sqlite = SqliteDatabaseFile.ForRunTime(
                ResolveSqlitePath(connectionString ?? DefaultSqliteConnectionString, builder.Environment.ContentRootPath));
            builder.Services.AddDbContextPool<TokensDbContext, SqliteTokensDbContext>(o => o.UseSqlite(sqlite)
                .AddInterceptors(new SqliteFileWatch())
                .ConfigureWarnings(RefuseRiskyQueries));
        }

        // A fixed application name and keys in the database: any instance, after any restart, can decrypt.
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<TokensDbContext>();
        if (builder.Configuration[CertificatePathKey] is { Length: > 0 } certificatePath)
        {
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificatePath, builder.Configuration[CertificatePasswordKey]));
        }

        return builder;
    }

    /// <summary>
    /// Query shapes that would behave differently per provider or silently load too much fail loudly,
    /// so the test suite (on SQLite) catches them before SQL Server meets them.
    /// </summary>
    private static void RefuseRiskyQueries(WarningsConfigurationBuilder warnings) => warnings.Throw(
        CoreEventId.RowLimitingOperationWithoutOrderByWarning,
        CoreEventId.FirstWithoutOrderByAndFilterWarning,
        CoreEventId.DistinctAfterOrderByWithoutRowLimitingOperatorWarning,
        RelationalEventId.MultipleCollectionIncludeWarning);

    /// <summary>A relative SQLite file is relative to the content root, not to wherever the process was started.</summary>
    internal static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource.Length > 0
            && csb.DataSource != ":memory:"
            && csb.Mode != SqliteOpenMode.Memory
            && !Path.IsPathRooted(csb.DataSource))
        {
            csb.DataSource = Path.Combine(contentRoot, csb.DataSource);
        }

        return csb.ToString();
    }
}
