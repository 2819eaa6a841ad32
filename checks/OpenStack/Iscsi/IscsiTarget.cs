using System.Text.Json;

namespace StackFsck.OpenStack.Iscsi;

/// <summary>An iSCSI target a volume is reached through: the IQN and the portal (<c>ADDRESS:PORT</c>).</summary>
public sealed record IscsiTarget(string Iqn, string Portal)
{
    /// <summary>
    /// The targets of a volume's connection_info (the JSON Nova keeps in block_device_mapping and
    /// Cinder in volume_attachment) when its driver_volume_type is iscsi: <c>target_iqn</c> and
    /// <c>target_portal</c>, or with multipath every pair of <c>target_iqns</c> and
    /// <c>target_portals</c>. Empty for another transport (rbd, nfs...).
    /// </summary>
    /// <exception cref="FormatException">the text is not connection_info JSON.</exception>
    public static List<IscsiTarget> Of(string connectionInfo)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(connectionInfo);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "driver_volume_type") != "iscsi"
                || !root.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            List<string> iqns = Texts(data, "target_iqns"), portals = Texts(data, "target_portals");
            if (iqns.Count > 0 && iqns.Count == portals.Count)
            {
                return [.. iqns.Zip(portals, (iqn, portal) => new IscsiTarget(iqn, portal))];
            }

            return Text(data, "target_iqn") is string one && Text(data, "target_portal") is string at ? [new IscsiTarget(one, at)] : [];
        }
        catch (JsonException error)
        {
            throw new FormatException($"connection_info is not JSON: {error.Message}", error);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Texts(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
