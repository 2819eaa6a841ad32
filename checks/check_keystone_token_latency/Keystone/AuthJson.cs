using System.Text.Json.Serialization;
using StackFsck.Checks.KeystoneLatency.Cloud;

namespace StackFsck.Checks.KeystoneLatency.Keystone;

/// <summary>The body of <c>POST /v3/auth/tokens</c> for the password method.</summary>
internal sealed record AuthRequest(AuthBody Auth);

internal sealed record AuthBody(Identity Identity, Scope? Scope);

internal sealed record Identity(string[] Methods, PasswordMethod Password);

internal sealed record PasswordMethod(PasswordUser User);

internal sealed record PasswordUser(string? Id, string? Name, Reference? Domain, string Password);

internal sealed record Scope(Reference? Project, Reference? Domain);

/// <summary>The part of Keystone's token answer the check reads: when the token was issued and when it expires, by Keystone's clock.</summary>
internal sealed record TokenAnswer(TokenBody? Token);

internal sealed record TokenBody(
    [property: JsonPropertyName("issued_at")] DateTimeOffset? IssuedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);

/// <summary>What the token cache file holds; <paramref name="ExpiresAt"/> by this host's clock.</summary>
internal sealed record CachedToken(string Token, DateTimeOffset ExpiresAt)
{
    /// <summary>A record prints its members; this one must never print the token.</summary>
    public override string ToString() => $"a token valid until {ExpiresAt:u}";
}

/// <summary>Source-generated (de)serializers: no reflection, so the check stays Native AOT clean.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthRequest))]
[JsonSerializable(typeof(TokenAnswer))]
[JsonSerializable(typeof(CachedToken))]
internal sealed partial class AuthJson : JsonSerializerContext;
