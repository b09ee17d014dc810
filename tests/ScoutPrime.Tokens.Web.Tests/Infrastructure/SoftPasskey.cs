using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>
/// A software authenticator, as a browser's platform authenticator answers: one ES256 key pair, "none" attestation,
/// user present and verified, a signature count that moves forward. It answers the options the server sent, with
/// client data for <see cref="Origin"/>; tests change its answer to play an attacker.
/// </summary>
public sealed class SoftPasskey : IDisposable
{
    public const string Origin = "http://localhost";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    public string Id => Base64Url.EncodeToString(CredentialId);

    /// <summary>The user handle the server gave at creation (its user id, base64url).</summary>
    public string? UserHandle { get; set; }

    public uint SignCount { get; set; }

    /// <summary>The answer to <c>navigator.credentials.create</c> for these options.</summary>
    public string Create(string optionsJson, string origin = Origin)
    {
        var options = JsonNode.Parse(optionsJson)!;
        UserHandle = (string)options["user"]!["id"]!;
        var clientData = ClientData("webauthn.create", (string)options["challenge"]!, origin);
        var parameters = _key.ExportParameters(false);
        var cose = new CborWriter(CborConformanceMode.Lax);
        cose.WriteStartMap(5);
        cose.WriteInt32(1); cose.WriteInt32(2);    // kty: EC2
        cose.WriteInt32(3); cose.WriteInt32(-7);   // alg: ES256
        cose.WriteInt32(-1); cose.WriteInt32(1);   // crv: P-256
        cose.WriteInt32(-2); cose.WriteByteString(parameters.Q.X!);
        cose.WriteInt32(-3); cose.WriteByteString(parameters.Q.Y!);
        cose.WriteEndMap();
        byte[] idLength = [(byte)(CredentialId.Length >> 8), (byte)CredentialId.Length];
        byte[] authData = [.. AuthData((string)options["rp"]!["id"]!, 0x45), .. new byte[16], .. idLength, .. CredentialId, .. cose.Encode()];

        var attestation = new CborWriter(CborConformanceMode.Lax);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt"); attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt"); attestation.WriteStartMap(0); attestation.WriteEndMap();
        attestation.WriteTextString("authData"); attestation.WriteByteString(authData);
        attestation.WriteEndMap();
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["attestationObject"] = Base64Url.EncodeToString(attestation.Encode()),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>The answer to <c>navigator.credentials.get</c>: a signature over the challenge, by this key.</summary>
    public string Get(string optionsJson, string origin = Origin, string? challenge = null, string? userHandle = null)
    {
        var options = JsonNode.Parse(optionsJson)!;
        var clientData = ClientData("webauthn.get", challenge ?? (string)options["challenge"]!, origin);
        SignCount++;
        var authData = AuthData((string)options["rpId"]!, 0x05);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["authenticatorData"] = Base64Url.EncodeToString(authData),
            ["signature"] = Base64Url.EncodeToString(signature),
            ["userHandle"] = userHandle ?? UserHandle,
        });
    }

    public void Dispose() => _key.Dispose();

    private static byte[] ClientData(string type, string challenge, string origin) => Encoding.UTF8.GetBytes(
        JsonSerializer.Serialize(new { type, challenge, origin, crossOrigin = false }));

    // rpIdHash, flags (0x01 user present, 0x04 verified, 0x40 attested credential data), signature count.
    private byte[] AuthData(string rpId, byte flags) =>
        [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags,
            (byte)(SignCount >> 24), (byte)(SignCount >> 16), (byte)(SignCount >> 8), (byte)SignCount];

    private string Credential(JsonObject response) => new JsonObject
    {
        ["id"] = Id,
        ["rawId"] = Id,
        ["type"] = "public-key",
        ["response"] = response,
        ["clientExtensionResults"] = new JsonObject(),
    }.ToJsonString();
}
