using Microsoft.Data.Sqlite;
using UnsMes.ErpBridge.Contract;

namespace UnsMes.ReferenceErp.Store;

/// <summary>
/// Books job responses, exactly once per idempotency key: a key seen before returns the first receipt and books
/// nothing. A booking moves its order released -> running; the completion moves it to done, and its actuals become
/// the order's totals. Records for unknown orders, closed orders, unknown products, materials or employees are
/// refused with a reason (nothing is booked, the key is not kept, so a fixed record can be sent again).
/// </summary>
public sealed class BookingLedger(ErpDatabase db, TimeProvider time)
{
    public (JobResponseReceipt Receipt, bool Replayed) Book(string key, JobResponse response) => db.Write((c, t) =>
    {
        if (Replay(c, t, key) is { } replay)
        {
            return (replay, true);
        }

        var order = JobOrderBook.Find(c, t, response.JobOrderId)
                    ?? throw new BookingRejectedException(404, RejectionCode.UnknownJobOrder, $"job order '{response.JobOrderId}' is unknown");
        Check(c, t, order, response);

        var bookingId = $"B-{ErpDatabase.NextSeq(c, t)}";
        foreach (var m in response.MaterialActuals)
        {
            using var insert = ErpDatabase.Command(c, t,
                "INSERT INTO actual (booking_key, job_order_id, kind, use, material_id, operation, quantity, unit, reason, lot_id) VALUES ($k, $o, $kind, $use, $m, $op, $q, $u, $r, $lot)",
                ("$k", key), ("$o", order.Id), ("$kind", response.Kind), ("$use", m.Use), ("$m", m.MaterialId ?? order.ProductId), ("$op", response.Operation),
                ("$q", m.Quantity), ("$u", m.Unit), ("$r", m.Reason), ("$lot", m.LotId));
            insert.ExecuteNonQuery();
        }

        foreach (var p in response.PersonnelActuals)
        {
            using var insert = ErpDatabase.Command(c, t,
                "INSERT INTO labor (booking_key, job_order_id, kind, employee_id, operation, hours) VALUES ($k, $o, $kind, $e, $op, $h)",
                ("$k", key), ("$o", order.Id), ("$kind", response.Kind), ("$e", p.EmployeeId), ("$op", p.Operation ?? response.Operation), ("$h", p.Hours));
            insert.ExecuteNonQuery();
        }

        var status = response.Kind == JobResponseKind.Completion ? DispatchStatus.Done : DispatchStatus.Running;
        if (status != order.Status)
        {
            JobOrderBook.SetStatus(c, t, order.Id!, status);
        }

        using (var keep = ErpDatabase.Command(c, t,
                   "INSERT INTO booking (idempotency_key, job_order_id, kind, booking_id, booked_at) VALUES ($k, $o, $kind, $b, $at)",
                   ("$k", key), ("$o", order.Id), ("$kind", response.Kind), ("$b", bookingId), ("$at", time.GetUtcNow().ToUnixTimeMilliseconds())))
        {
            keep.ExecuteNonQuery();
        }

        return (new JobResponseReceipt(key, order.Id!, bookingId, status), false);
    });

    /// <summary>What the ERP holds for an order: bookings, produced, scrap by reason, consumption, labor.</summary>
    public JobOrderActuals? Actuals(string jobOrderId) => db.Read(c =>
    {
        var order = JobOrderBook.Find(c, null, jobOrderId);
        return order is null ? null : JobOrderActuals.Read(c, order);
    });

    private static JobResponseReceipt? Replay(SqliteConnection c, SqliteTransaction t, string key)
    {
        using var command = ErpDatabase.Command(c, t, "SELECT b.job_order_id, b.booking_id, b.kind FROM booking b WHERE b.idempotency_key = $k", ("$k", key));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new JobResponseReceipt(key, reader.GetString(0), reader.GetString(1), reader.GetString(2) == JobResponseKind.Completion ? DispatchStatus.Done : DispatchStatus.Running)
            : null;
    }

    private static void Check(SqliteConnection c, SqliteTransaction t, JobOrder order, JobResponse response)
    {
        if (!JobResponseKind.All.Contains(response.Kind))
        {
            throw new BookingRejectedException(400, RejectionCode.Invalid, $"kind '{response.Kind}' is not one of {string.Join(", ", JobResponseKind.All)}");
        }

        if (order.Status is DispatchStatus.Done or DispatchStatus.Cancelled)
        {
            throw new BookingRejectedException(409, RejectionCode.ClosedJobOrder, $"job order '{order.Id}' is {order.Status}: it takes no more bookings");
        }

        foreach (var m in response.MaterialActuals)
        {
            if (m.Quantity < 0 || !double.IsFinite(m.Quantity))
            {
                throw new BookingRejectedException(400, RejectionCode.Invalid, $"quantity {m.Quantity} of {m.Use} is not a quantity");
            }

            var isProduct = m.Use is MaterialUse.Produced or MaterialUse.Scrapped;
            if (isProduct && m.MaterialId is not null && (m.MaterialId != order.ProductId || !JobOrderBook.MasterExists(c, t, "product", m.MaterialId)))
            {
                throw new BookingRejectedException(422, RejectionCode.UnknownProduct, $"product '{m.MaterialId}' is not what job order '{order.Id}' makes ({order.ProductId})");
            }

            if (!isProduct && (m.MaterialId is null || !JobOrderBook.MasterExists(c, t, "material", m.MaterialId)))
            {
                throw new BookingRejectedException(422, RejectionCode.UnknownMaterial, $"material '{m.MaterialId}' is unknown");
            }
        }

        foreach (var p in response.PersonnelActuals)
        {
            if (!JobOrderBook.MasterExists(c, t, "employee", p.EmployeeId))
            {
                throw new BookingRejectedException(422, RejectionCode.UnknownEmployee, $"employee '{p.EmployeeId}' is unknown");
            }
        }
    }
}

/// <summary>A permanent refusal, answered as a problem with the HTTP status, a code and the reason.</summary>
public sealed class BookingRejectedException(int status, string code, string reason) : Exception(reason)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
