using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

public class TlsTests
{
    [TestCase("MqttNet")]
    [TestCase("Kestrel")]
    public async Task TlsListener_CertificateFromFile_ClientConnectsAndPublishes(string transport)
    {
        var folder = Directory.CreateTempSubdirectory("unsmes-tls-").FullName;
        var certificatePath = Path.Combine(folder, "broker.pfx");
        using (var certificate = SelfSigned("localhost"))
        {
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, "secret"));
        }

        var tlsPort = FreePort.Next();
        await using var broker = await TestBroker.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Broker:Tls:Enabled"] = "true",
            ["Broker:Tls:Port"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:Tls:CertificatePath"] = certificatePath,
            ["Broker:Tls:CertificatePassword"] = "secret",
            ["Broker:TcpTransport"] = transport,
        });
        using var plain = await TestClients.ConnectAsync(broker);
        var received = await TestClients.SubscribeAsync(plain, "plain/#");

        using var secure = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", tlsPort)
            .WithClientId("tls-client")
            .WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(args => args.Certificate.Subject == "CN=localhost"))
            .Build();
        await secure.ConnectAsync(options);
        await secure.PublishAsync(TestClients.Message("plain/over-tls", "sealed"));

        var message = await received.WaitForAsync(m => m.Topic == "plain/over-tls");
        Assert.That(message.ConvertPayloadToString(), Is.EqualTo("sealed"));
        Directory.Delete(folder, recursive: true);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
