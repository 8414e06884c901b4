using Microsoft.Extensions.DependencyInjection;
using UnsMes.Dashboard.Security;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Dashboard.Api;

/// <summary>
/// Operators act through the namespace: classifying a stop is a <c>_cmd/classifyDowntime</c> command on the cell,
/// which the OEE calculator applies (uns-topics.md, <c>_cmd</c> and <c>_downtime</c>).
/// </summary>
internal static class CommandApi
{
    private static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(5);

    public static void MapCommandApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/dashboard/commands/classify-downtime", ClassifyAsync)
            .WithSummary("Publishes _cmd/classifyDowntime on the cell: { cell, episodeId, reasonCode, reasonText?, issuedBy? }");

    private static async Task<IResult> ClassifyAsync(
        ClassifyDowntimeRequest request,
        [FromKeyedServices(DashboardRegistration.ClientName)] UnsClient client,
        TimeProvider time,
        ILoggerFactory loggers,
        HttpContext context,
        DashboardLogin login,
        CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        IsaPath? cell = null;
        try
        {
            cell = IsaPath.Of((request.Cell ?? "").Trim('/').Split('/'));
            if (cell.Level != IsaLevel.Cell)
            {
                problems["cell"] = [$"'{request.Cell}' is not the path of a machine (enterprise/site/area/line/cell)"];
            }
        }
        catch (ArgumentException ex)
        {
            problems["cell"] = [ex.Message];
        }

        AddNameProblem(problems, "episodeId", request.EpisodeId);
        AddNameProblem(problems, "reasonCode", request.ReasonCode);
        if (problems.Count > 0)
        {
            return Results.ValidationProblem(problems, title: "The stop cannot be classified");
        }

        // Who asked: the badge typed on the form, else the signed-in person, else the dashboard itself.
        var issuedBy = string.IsNullOrWhiteSpace(request.IssuedBy) ? login.UserOf(context) ?? "dashboard" : request.IssuedBy.Trim();
        var arguments = new Dictionary<string, string> { ["episodeId"] = request.EpisodeId!, ["reasonCode"] = request.ReasonCode! };
        if (!string.IsNullOrWhiteSpace(request.ReasonText))
        {
            arguments["reasonText"] = request.ReasonText.Trim();
        }

        var command = new CommandPayload
        {
            V = UnsSchema.Version,
            Ts = UnsTime.Now(time),
            CommandId = Guid.NewGuid().ToString("N"),
            IssuedBy = issuedBy,
            Arguments = arguments,
        };
        var topic = UnsTopic.Command(cell!, "classifyDowntime");
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(ConnectWait);
            await client.WaitUntilConnectedAsync(wait.Token);
            await client.PublishAsync(topic, command, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The broker is not available", detail: "the dashboard is not connected to the broker; try again shortly");
        }
        catch (UnsPublishRejectedException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The broker refused the command", detail: ex.Message);
        }

        var logger = loggers.CreateLogger(typeof(CommandApi).FullName!);
        DashboardLog.Classified(logger, issuedBy, request.EpisodeId!, cell!, request.ReasonCode!);
        return Results.Accepted(value: new { commandId = command.CommandId, topic = topic.ToString() });
    }

    private static void AddNameProblem(Dictionary<string, string[]> problems, string field, string? value)
    {
        if (UnsName.Problem(value) is { } problem)
        {
            problems[field] = [problem];
        }
    }
}

/// <summary>What the page sends to classify a stop.</summary>
internal sealed record ClassifyDowntimeRequest(string? Cell, string? EpisodeId, string? ReasonCode, string? ReasonText, string? IssuedBy);
