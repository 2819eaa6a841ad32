using StackFsck.OpenStack.Survey;
using StackFsck.Plugin;

namespace StackFsck.Checks.OpenStackStuck;

/// <summary>Every count of the check, in the order of its perfdata.</summary>
internal sealed class StuckCategories
{
    public StuckCategories(Func<Threshold, Threshold> thresholds, Graces graces, int keep)
    {
        Category Make(string label, Threshold pair, string what) => new(label, what, thresholds(pair), keep);
        Instances = Make("stuck_instances", StuckThresholds.Instances, $"instances in a task for over {Age.Words(graces.Instance)}");
        Errors = Make("error_instances", StuckThresholds.Errors, "instances in error");
        Migrations = Make("stuck_migrations", StuckThresholds.Migrations, $"migrations unfinished for over {Age.Words(graces.Migration)}");
        Resizes = Make("unconfirmed_resizes", StuckThresholds.Resizes, $"resizes unconfirmed for over {Age.Words(graces.Resize)}");
        Volumes = Make("stuck_volumes", StuckThresholds.Volumes, $"volumes in a transitional status for over {Age.Words(graces.Volume)}");
        Snapshots = Make("stuck_snapshots", StuckThresholds.Snapshots, $"snapshots in a transitional status for over {Age.Words(graces.Volume)}");
        Attachments = Make("stuck_attachments", StuckThresholds.Attachments, $"volume attachments in a transitional status for over {Age.Words(graces.Volume)}");
        Bindings = Make("failed_bindings", StuckThresholds.Bindings, "port bindings failed");
        Images = Make("stuck_images", StuckThresholds.Images, $"images saving or importing for over {Age.Words(graces.Image)} or queued for over a day");
        Services = Make("down_services", StuckThresholds.Services, $"services silent for over {Age.Words(graces.ServiceDown)}");
    }

    public Category Instances { get; }
    public Category Errors { get; }
    public Category Migrations { get; }
    public Category Resizes { get; }
    public Category Volumes { get; }
    public Category Snapshots { get; }
    public Category Attachments { get; }
    public Category Bindings { get; }
    public Category Images { get; }
    public Category Services { get; }

    public IEnumerable<Category> All => [Instances, Errors, Migrations, Resizes, Volumes, Snapshots, Attachments, Bindings, Images, Services];
}

/// <summary>The --warning-NAME/--critical-NAME pair of each count; every stuck thing warns at one, instances in error only graph.</summary>
internal static class StuckThresholds
{
    public static readonly Threshold Instances = Threshold.Named("stuck-instances", "instances stuck in a task", "0");
    public static readonly Threshold Errors = Threshold.Named("error-instances", "instances in error");
    public static readonly Threshold Migrations = Threshold.Named("stuck-migrations", "migrations that never finish", "0");
    public static readonly Threshold Resizes = Threshold.Named("unconfirmed-resizes", "resizes never confirmed", "0");
    public static readonly Threshold Volumes = Threshold.Named("stuck-volumes", "volumes stuck in a transitional status", "0");
    public static readonly Threshold Snapshots = Threshold.Named("stuck-snapshots", "snapshots stuck in a transitional status", "0");
    public static readonly Threshold Attachments = Threshold.Named("stuck-attachments", "volume attachments stuck attaching, detaching or reserved", "0");
    public static readonly Threshold Bindings = Threshold.Named("failed-bindings", "ports whose binding failed", "0");
    public static readonly Threshold Images = Threshold.Named("stuck-images", "images stuck saving, importing or queued", "0");
    public static readonly Threshold Services = Threshold.Named("down-services", "enabled services that stopped reporting", "0");

    public static IEnumerable<Threshold> All => [Instances, Errors, Migrations, Resizes, Volumes, Snapshots, Attachments, Bindings, Images, Services];
}
