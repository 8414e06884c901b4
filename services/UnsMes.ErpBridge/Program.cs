using UnsMes.ErpBridge;
using UnsMes.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddErpBridge();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapErpBridge();
await app.RunAsync();
