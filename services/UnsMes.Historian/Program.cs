using UnsMes.Historian;
using UnsMes.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHistorian();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapHistorian();
await app.RunAsync();
