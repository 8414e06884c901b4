using UnsMes.Broker;
using UnsMes.Broker.Security;
using UnsMes.ServiceDefaults;

if (args is ["hash-password", var password])
{
    // Prints a hash for Broker:Users:*:PasswordHash; the password itself never goes into configuration.
    await Console.Out.WriteLineAsync(PasswordHasher.Hash(password));
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddUnsBroker();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapUnsBroker();
await app.RunAsync();
