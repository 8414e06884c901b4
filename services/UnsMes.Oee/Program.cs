using UnsMes.Oee;
using UnsMes.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOeeCalculator();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOeeCalculator();
await app.RunAsync();
