namespace UnsMes.ErpBridge.Adapters;

/// <summary>The ERP refused a record for good (unknown product, closed order): retrying cannot help, a person must look.</summary>
public sealed class ErpRejectedException : Exception
{
    public ErpRejectedException()
    {
    }

    public ErpRejectedException(string message)
        : base(message)
    {
    }

    public ErpRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ErpRejectedException(string reason, string? code, int? status)
        : base(reason)
    {
        Code = code;
        Status = status;
    }

    public string? Code { get; }

    public int? Status { get; }
}

/// <summary>The ERP could not take the record now (5xx, overloaded, unreachable): it is delivered again later.</summary>
public sealed class ErpUnavailableException : Exception
{
    public ErpUnavailableException()
    {
    }

    public ErpUnavailableException(string message)
        : base(message)
    {
    }

    public ErpUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
