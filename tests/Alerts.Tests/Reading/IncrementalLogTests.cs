using StackFsck.Alerts.Counting;
using StackFsck.Alerts.Reading;

namespace StackFsck.Alerts.Tests;

/// <summary>Runs of the incremental reader over real files: what each run counts, across appends, rotations and restarts.</summary>
public class IncrementalLogTests : IDisposable
{
    private readonly LogFolder _folder = new();
    private int _next;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_first_run_reads_the_whole_log_and_the_next_only_what_was_added()
    {
        AppendAlerts(3);
        Assert.Equal(Numbers(0, 3), Run());
        AppendAlerts(2);
        Assert.Equal(Numbers(3, 2), Run());
        Assert.Empty(Run());
    }

    [Fact]
    public void A_line_still_being_written_waits_for_the_next_run()
    {
        AppendAlerts(1);
        string partial = LogFolder.Alert(1);
        _folder.AppendRaw(partial[..20]);
        Assert.Equal(Numbers(0, 1), Run());
        _folder.AppendRaw(partial[20..] + "\n");
        Assert.Equal(Numbers(1, 1), Run());
    }

    [Fact]
    public void After_rotation_the_rest_of_the_rotated_file_is_read_before_the_new_log()
    {
        AppendAlerts(2);
        Assert.Equal(Numbers(0, 2), Run());
        AppendAlerts(3); // logged after our run, before the rotation
        _folder.Rotate();
        AppendAlerts(2);
        Assert.Equal(Numbers(2, 5), RunInOrder());
    }

    [Fact]
    public void Several_rotations_between_runs_are_read_oldest_first_and_nothing_twice()
    {
        AppendAlerts(1);
        Assert.Equal(Numbers(0, 1), Run());
        for (int rotation = 0; rotation < 3; rotation++)
        {
            AppendAlerts(2);
            _folder.Rotate();
        }

        AppendAlerts(1);
        Assert.Equal(Numbers(1, 7), RunInOrder());
        Assert.Empty(Run());
    }

    [Fact]
    public void A_run_that_does_not_save_its_position_is_read_again_by_the_next()
    {
        AppendAlerts(2);
        Assert.Equal(Numbers(0, 2), Run(save: false));
        AppendAlerts(1);
        Assert.Equal(Numbers(0, 3), Run());
    }

    [Fact]
    public void Alternating_appends_rotations_and_restarts_count_every_line_exactly_once()
    {
        var counted = new List<int>();
        var random = new Random(7);
        for (int step = 0; step < 40; step++)
        {
            switch (random.Next(4))
            {
                case 0: _folder.Rotate(); break;
                case 1: counted.AddRange(Run()); break;
                default: AppendAlerts(random.Next(1, 5)); break;
            }
        }

        counted.AddRange(Run());
        Assert.Equal(Numbers(0, _next), counted.Order());
    }

    [Fact]
    public void A_backlog_read_in_parallel_parts_counts_every_line_once_and_leaves_the_unfinished_one()
    {
        const int count = 700_000; // about 90 MB: split into parts on any machine with two cores or more
        using (var log = new StreamWriter(_folder.Log, append: true))
        {
            for (int i = 0; i < count; i++)
            {
                log.Write(LogFolder.Alert(i));
                log.Write('\n');
            }

            log.Write(LogFolder.Alert(count)); // still being written
        }

        var counter = new AlertCounter(includeSoft: false);
        var parts = new List<AlertCounter>();
        ReadResult result = IncrementalLog.Read(_folder.Files, null, counter.PerPart(parts));
        counter.Gather(parts);

        Assert.Equal(count, counter.Events);
        Assert.Equal(count, counter.Distinct); // every line names its own service: none counted twice
        Assert.Equal(new FileInfo(_folder.Log).Length - LogFolder.Alert(count).Length, result.Next.Offset);
        Assert.True(Environment.ProcessorCount < 2 || parts.Count > 1, $"{parts.Count} part(s) on {Environment.ProcessorCount} cores");
    }

    [Fact]
    public void A_position_in_a_deleted_archive_restarts_at_the_live_log_with_a_warning()
    {
        AppendAlerts(1);
        Run();
        AppendAlerts(1);
        File.Delete(_folder.Rotate());
        AppendAlerts(1);
        Assert.Equal(Numbers(2, 1), Run(out ReadResult result));
        Assert.Contains(result.Warnings, w => w.Contains("no longer"));
    }

    [Theory]
    [InlineData("nagios.log.1")] // logrotate copytruncate, beside the log
    [InlineData("nagios.log.1.gz")] // with compress (or a cycle later with delaycompress)
    [InlineData("old/nagios.log-20261101")] // in logrotate's olddir, dateext
    [InlineData("old/nagios.log-20261101.gz")]
    public void After_copytruncate_the_rest_of_the_copy_is_read_before_the_emptied_log(string copy)
    {
        AppendAlerts(3);
        Assert.Equal(Numbers(0, 3), Run());
        AppendAlerts(4); // logged after our run, before the copy
        _folder.CopyTruncate(Path.Combine(_folder.Root, copy));
        AppendAlerts(2);
        Assert.Equal(Numbers(3, 6), RunInOrder(out ReadResult result));
        Assert.Contains(result.Warnings, w => w.Contains("copied and truncated", StringComparison.Ordinal) && w.Contains(copy, StringComparison.Ordinal));
        Assert.Empty(Run());
    }

    [Fact]
    public void A_copy_of_another_stretch_of_the_log_is_not_taken_for_the_one_read()
    {
        AppendAlerts(3);
        Run();
        AppendAlerts(1);
        string copy = _folder.CopyTruncate(Path.Combine(_folder.Root, "nagios.log.1"));
        File.WriteAllText(copy, File.ReadAllText(copy).Replace("line 2;", "line X;", StringComparison.Ordinal)); // same head (256 bytes) and length, other bytes before the offset
        AppendAlerts(1);
        Assert.Equal(Numbers(4, 1), Run(out ReadResult result));
        Assert.Contains(result.Warnings, w => w.Contains("is lost", StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_log_without_a_copy_says_what_is_lost()
    {
        AppendAlerts(3);
        Run();
        long counted = new FileInfo(_folder.Log).Length;
        AppendAlerts(2);
        File.WriteAllText(_folder.Log, "");
        AppendAlerts(1);
        Assert.Equal(Numbers(5, 1), Run(out ReadResult result));
        string warning = Assert.Single(result.Warnings);
        Assert.Contains($"({counted} bytes counted", warning);
        Assert.Contains("is lost", warning);
    }

    [Fact]
    public void A_state_file_that_is_damaged_is_reported_not_guessed_at()
    {
        File.WriteAllText(_folder.State, "inode=12\n");
        var error = Assert.Throws<InvalidDataException>(() => StateFile.Load(_folder.State));
        Assert.Contains("remove it", error.Message);
    }

    private void AppendAlerts(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _folder.Append(LogFolder.Alert(_next++));
        }
    }

    private List<int> Run(bool save = true) => Run(out _, save).Order().ToList();

    private List<int> RunInOrder() => Run(out _);

    private List<int> RunInOrder(out ReadResult result) => Run(out result);

    /// <summary>One run as <c>confgen alerts send</c> does it; returns the numbers of the alert lines it counted, in reading order.</summary>
    private List<int> Run(out ReadResult result, bool save = true)
    {
        var counter = new AlertCounter(includeSoft: false);
        var order = new List<int>();
        result = IncrementalLog.Read(_folder.Files, StateFile.Load(_folder.State), () => line =>
        {
            counter.Line(line);
            string text = System.Text.Encoding.UTF8.GetString(line);
            int at = text.IndexOf(";svc-", StringComparison.Ordinal);
            if (at > 0)
            {
                order.Add(int.Parse(text[(at + 5)..text.IndexOf(';', at + 1)], System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        if (save)
        {
            StateFile.Save(_folder.State, result.Next);
        }

        Assert.Equal(order.Count, counter.Events);
        return order;
    }

    private static List<int> Numbers(int start, int count) => Enumerable.Range(start, count).ToList();
}
