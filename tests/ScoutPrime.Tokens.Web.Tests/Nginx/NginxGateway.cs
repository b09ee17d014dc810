using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests.Nginx;

/// <summary>
/// The deployment the README describes, on loopback: a client, nginx with the shipped site, this application on a
/// real Kestrel port checking tokens, and the API behind them (<see cref="EchoUpstream"/>).
/// </summary>
public sealed class NginxGateway : IAsyncLifetime
{
    private static int _nextClient;

    public TokensAppFactory App { get; private set; } = null!;

    public EchoUpstream Upstream { get; private set; } = null!;

    public Nginx Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Nginx.Executable))
        {
            return;
        }

        App = TokensAppFactory.Dedicated();
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var address = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Upstream = await EchoUpstream.StartAsync();
        Server = await Nginx.StartAsync(address.Port, Upstream.Port);
    }

    /// <summary>
    /// A client of its own loopback address (127.0.0.0/8 is all local), so that nginx, and through it the failure
    /// limit, sees each test's client as a different one.
    /// </summary>
    public HttpClient Client()
    {
        var n = Interlocked.Increment(ref _nextClient);
        var local = new IPAddress([127, 0, (byte)(10 + (n / 250)), (byte)((n % 250) + 2)]);
        var handler = new SocketsHttpHandler
        {
            // Sends what a client may send, non-ASCII bytes in a header among it.
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = Server.Address };
    }

    /// <summary>A token of a new user in the given roles, made as the screens make it.</summary>
    public async Task<(string UserId, string Email, Guid TokenId, string Code)> TokenOfNewUserAsync(params string[] roles)
    {
        var user = await App.CreateUserAsync($"gateway-{Guid.NewGuid():N}@example.com", roles);
        await using var scope = App.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<TokenService>();
        var id = (await tokens.CreateAsync(user.Id, "behind nginx", 15, CancellationToken.None))!.Value;
        return (user.Id, user.Email!, id, (await tokens.RevealAsync(user.Id, id, from: null, CancellationToken.None)).Code!);
    }

    public Task<(string UserId, string Email, Guid TokenId, string Code)> MemberTokenAsync() => TokenOfNewUserAsync(Roles.ApiTokensGroup);

    public static HttpRequestMessage Call(HttpMethod method, string url, string? code)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (code is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", code);
        }

        return request;
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }

        App?.Dispose();
    }
}
