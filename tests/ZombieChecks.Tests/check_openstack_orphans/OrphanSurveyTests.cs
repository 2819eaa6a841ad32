using StackFsck.Checks.OpenStackOrphans;

namespace StackFsck.Tests.Zombies;

/// <summary>The cross-service comparison on data built in the test: which rows are orphans, and how many are listed.</summary>
public class OrphanSurveyTests
{
    private static readonly Guid Live = Guid.NewGuid(), Deleted = Guid.NewGuid(), Gone = Guid.NewGuid(), Unmapped = Guid.NewGuid();

    [Fact]
    public void Ports_of_deleted_missing_or_unparsable_devices_are_orphans()
    {
        OrphanSurvey survey = Survey();
        survey.AddPort("p-live", Live.ToString());
        survey.AddPort("p-deleted", Deleted.ToString());
        survey.AddPort("p-gone", Gone.ToString());
        survey.AddPort("p-empty", "");

        Assert.Equal(4, survey.ComputePorts);
        Assert.Equal(3, survey.Ports.Count);
        Assert.Contains(survey.Ports.Shown, line => line.StartsWith("port p-deleted: device " + Deleted + " is deleted"));
        Assert.Contains(survey.Ports.Shown, line => line.StartsWith("port p-gone: device " + Gone + " is in no cell"));
    }

    [Fact]
    public void Attachments_of_dead_instances_are_orphans_and_their_volumes_counted_once()
    {
        OrphanSurvey survey = Survey();
        survey.AddAttachment("a1", "vol-1", Live.ToString());
        survey.AddAttachment("a2", "vol-2", Deleted.ToString());
        survey.AddAttachment("a3", "vol-2", Gone.ToString());
        survey.AddAttachment("a4", "vol-3", Gone.ToString());

        Assert.Equal((4, 3, 2), (survey.LiveAttachments, survey.Attachments.Count, survey.Volumes.Count));
    }

    [Fact]
    public void Mappings_and_instances_that_lost_each_other_are_found_both_ways()
    {
        OrphanSurvey survey = Survey();
        survey.AddMapping(Live);
        survey.AddMapping(Deleted);
        survey.AddMapping(Gone);
        survey.FindUnmapped();

        Assert.Equal(1, survey.StaleMappings.Count);
        Assert.Contains(Gone.ToString(), survey.StaleMappings.Shown[0]);
        Assert.Equal(1, survey.Unmapped.Count);
        Assert.Equal($"instance {Unmapped}: no instance mapping; fix: nova-manage cell_v2 map_instances --cell_uuid cell-b-uuid", survey.Unmapped.Shown[0]);
    }

    [Fact]
    public void The_long_output_keeps_only_the_first_few_but_counts_all()
    {
        OrphanSurvey survey = Survey(keep: 2);
        for (int i = 0; i < 5; i++)
        {
            survey.AddPort($"p{i}", Guid.NewGuid().ToString());
        }

        Assert.Equal(5, survey.Ports.Count);
        Assert.Equal(2, survey.Ports.Shown.Count);
    }

    private static OrphanSurvey Survey(int keep = 10)
    {
        var index = new InstanceIndex();
        short a = index.AddCell("cell-a-uuid"), b = index.AddCell("cell-b-uuid");
        index.AddInstance(Live, a, deleted: false);
        index.AddInstance(Deleted, a, deleted: true);
        index.AddInstance(Unmapped, b, deleted: false);
        return new OrphanSurvey(index, keep);
    }
}
