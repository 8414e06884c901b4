using UnsMes.ReferenceErp;

// The simulated ERP on its own (the all-in-one host maps it under the same prefix beside the other services).
var builder = WebApplication.CreateBuilder(args);
builder.AddReferenceErp();

var app = builder.Build();
app.MapReferenceErp();
await app.RunAsync();
