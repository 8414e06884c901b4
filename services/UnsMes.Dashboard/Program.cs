using UnsMes.Dashboard;
using UnsMes.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDashboard();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDashboard();
await app.RunAsync();
