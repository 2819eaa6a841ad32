using StackFsck.OpenStack.Survey;
using StackFsck.Plugin;

namespace StackFsck.Checks.OpenStackQuotaDrift;

/// <summary>Every count of the check, in the order of its perfdata.</summary>
internal sealed class DriftCategories(Func<Threshold, Threshold> thresholds, int keep)
{
    public Category Cinder { get; } = new("cinder_drift", "Cinder quota usages unlike what the project owns", thresholds(DriftThresholds.Cinder), keep);
    public Category Reserved { get; } = new("cinder_reserved_drift", "Cinder quota usages whose reserved differs from their reservations", thresholds(DriftThresholds.Reserved), keep);
    public Category Reservations { get; } = new("stale_reservations", "Cinder reservations expired but never committed or rolled back", thresholds(DriftThresholds.Reservations), keep);
    public Category Neutron { get; } = new("neutron_drift", "Neutron quota usages unlike what the project owns", thresholds(DriftThresholds.Neutron), keep);

    public IEnumerable<Category> All => [Cinder, Reserved, Reservations, Neutron];
}

/// <summary>
/// The --warning-NAME/--critical-NAME pair of each count. Cinder refuses users by its usages (a
/// request fits while in_use + reserved + its delta stays within the limit), so any drift of either
/// warns; Zed's default Neutron quota driver (no-lock) counts rows and never reads quotausages, so
/// Neutron's drift only graphs unless the cloud runs the older DbQuotaDriver.
/// </summary>
internal static class DriftThresholds
{
    public static readonly Threshold Cinder = Threshold.Named("cinder-drift", "Cinder quota usages unlike what the project owns", "0");
    public static readonly Threshold Reserved = Threshold.Named("cinder-reserved-drift", "Cinder quota usages whose reserved differs from their reservations", "0");
    public static readonly Threshold Reservations = Threshold.Named("stale-reservations", "expired Cinder reservations still held", "0");
    public static readonly Threshold Neutron = Threshold.Named("neutron-drift", "Neutron quota usages unlike what the project owns (set it when neutron.conf uses DbQuotaDriver)");

    public static IEnumerable<Threshold> All => [Cinder, Reserved, Reservations, Neutron];
}
