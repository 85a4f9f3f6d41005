using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerSecurity.Emulator;

namespace PartnerSecurity.Tests.Reliability;

/// <summary>
/// The tenant emulator behind a real HTTPS listener on the loopback interface (Kestrel), so that faults happen on real
/// sockets: a connection reset mid-body is a TCP reset, a hang is a connection nobody answers. The client reaches it
/// through <see cref="Transport"/>, which connects every host name (login.microsoftonline.com, graph.microsoft.com,
/// api.partnercenter.microsoft.com) to the listener and trusts its certificate, made for this process and trusted
/// nowhere else.
/// </summary>
public sealed class LoopbackCloud : IAsyncDisposable
{
    private static readonly string[] s_hopByHop = { "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade" };
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly HttpMessageInvoker _emulator;

    private LoopbackCloud(WebApplication app, X509Certificate2 certificate, TenantEmulator emulator, int port)
    {
        _app = app;
        _certificate = certificate;
        _emulator = new HttpMessageInvoker(emulator, disposeHandler: false);
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connections the listener dropped on purpose, mid-answer.</summary>
    public int Resets;

    public static async Task<LoopbackCloud> StartAsync(TenantEmulator emulator)
    {
        var certificate = Certificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        LoopbackCloud? cloud = null;
        app.Run(context => cloud!.ServeAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cloud = new LoopbackCloud(app, certificate, emulator, new Uri(address).Port);
        return cloud;
    }

    /// <summary>The client's transport: real sockets to the listener, TLS with only this cloud's certificate trusted.</summary>
    public HttpMessageHandler Transport() => new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented != null && presented.GetCertHashString() == _certificate.GetCertHashString(),
        },
    };

    private async Task ServeAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri("https://" + context.Request.Host.Value + raw));
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0 || context.Request.ContentType != null) request.Content = new ByteArrayContent(body.ToArray());
        foreach (var header in context.Request.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value!))
                request.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value!);
        }

        HttpResponseMessage response;
        try
        {
            response = await _emulator.SendAsync(request, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // An injected connection failure: the connection drops without an answer.
            Interlocked.Increment(ref Resets);
            context.Abort();
            return;
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up on a hung answer and closed the connection
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
            {
                if (s_hopByHop.Contains(header.Key, StringComparer.OrdinalIgnoreCase)) continue;
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
            if (response.Content == null) return;
            try
            {
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                // A reset mid-body (HttpContent reports its stream's IOException as HttpRequestException): what was sent stays sent, then the connection is torn down.
                Interlocked.Increment(ref Resets);
                await context.Response.Body.FlushAsync();
                context.Abort();
            }
        }
    }

    private static X509Certificate2 Certificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=PartnerSecurity loopback cloud (tests only)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in new[] { "login.microsoftonline.com", "graph.microsoft.com", "api.partnercenter.microsoft.com", "localhost" }) names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _emulator.Dispose();
        _certificate.Dispose();
    }
}
