using System.Runtime.CompilerServices;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>
/// Hundreds of in-process applications start in one test run, and each would watch its configuration files with
/// inotify: Linux allows 128 watchers per user by default, and the next start fails. The tests change no file, so
/// configuration is read once and any watcher polls instead. Set before any application starts; child processes
/// (AppProcess) inherit it.
/// </summary>
internal static class NoFileWatchers
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
