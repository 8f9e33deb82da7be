namespace Fleet.Actors.Apply;

/// <summary>A request the API server refused; <see cref="Error"/> says how.</summary>
public sealed class ApiCallException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;
}
