using System.CommandLine;
using System.Net;
using StackFsck.OpenStack.Nova;
using StackFsck.Plugin;
using StackFsck.Plugin.Database;
using StackFsck.Remedy.Handler;

namespace StackFsck.Remedy.Repairs;

/// <summary>What every guarded repair is told: the host, where Nova is, whether to act, how much, where to journal.</summary>
internal sealed record RepairSettings(string Host, NovaDatabaseSettings Nova, bool Apply, int Max, string Journal, TimeSpan Timeout);

/// <summary>
/// The options every guarded repair takes, declared once. Nova is found as check_nova_hypervisor finds
/// it: the host's cell through nova_api's host and cell mappings, or a cell database given directly.
/// --grace is not among them: only the repairs that judge by how long ago Nova deleted an instance
/// take it (<see cref="Grace"/>); stale-iscsi-session judges by what is attached now.
/// </summary>
internal sealed class RepairOptions
{
    private readonly Option<string> _host = new("--host") { Description = "the compute host's name as Nova knows it (default: this machine's name)", HelpName = "NAME", DefaultValueFactory = _ => Dns.GetHostName() };
    private readonly Option<string> _apiDefaultsFile = new("--api-defaults-file") { Description = "MySQL option file with the nova_api database's server and login (cell values unset come from here)", HelpName = "FILE" };
    private readonly Option<string> _apiDatabase = new("--api-database") { Description = "the nova_api database, where the host's cell is looked up", HelpName = "NAME", DefaultValueFactory = _ => "nova_api" };
    private readonly Option<string> _cellDefaultsFile = new("--cell-defaults-file") { Description = "MySQL option file with the cell database's server and login", HelpName = "FILE" };
    private readonly Option<string> _cellDatabase = new("--cell-database") { Description = "the host's cell database (e.g. nova_cell1), instead of looking it up in nova_api", HelpName = "NAME" };
    private readonly Option<string> _novaConf = NovaConf();
    private readonly Option<bool> _apply;
    private readonly Option<int> _max;
    private readonly Option<string> _journal = new("--journal") { Description = "journal file, one JSON line per act with how to undo it", HelpName = "FILE", DefaultValueFactory = _ => Path.Combine(HandlerCommand.DefaultOutputDir, "journal.jsonl") };
    private readonly Option<double> _timeout;

    /// <param name="items">what the repair acts on, for the help of --apply and --max ("directories", "domains").</param>
    /// <param name="timeout">the default of --timeout in seconds: the run ends there, whatever it is doing.</param>
    public RepairOptions(string act, string items, double timeout = 60)
    {
        _apply = new("--apply") { Description = $"{act}; without it the plan is printed and nothing changes" };
        _max = new("--max") { Description = $"refuse the run when the plan holds more {items} than this", HelpName = "N", DefaultValueFactory = _ => 10 };
        _timeout = new("--timeout", "-t") { Description = "seconds the whole run may take", HelpName = "SECONDS", DefaultValueFactory = _ => timeout };
    }

    /// <summary>--libvirt-uri, for the repairs that ask the hypervisor, with the check's name and default.</summary>
    public static Option<string> LibvirtUri() => new("--libvirt-uri") { Description = "libvirt URI of the hypervisor, as the check's --libvirt-uri", HelpName = "URI", DefaultValueFactory = _ => "qemu:///system" };

    /// <summary>--grace, for the repairs that judge by how long ago Nova deleted an instance, with the check's name and default.</summary>
    public static Option<string> Grace() => new("--grace") { Description = "how long after Nova deleted an instance what is left of it may linger (seconds, or 90m, 2h, 1d), as the check's --grace", HelpName = "DURATION", DefaultValueFactory = _ => NovaInstance.Grace };

    /// <summary>The value of <paramref name="grace"/> (<see cref="Grace"/>) as a duration, or a usage error naming it.</summary>
    public static TimeSpan ReadGrace(ParseResult parse, Option<string> grace)
    {
        string text = parse.GetValue(grace)!;
        try
        {
            return Duration.Parse(text);
        }
        catch (FormatException error)
        {
            throw new UsageException($"--grace: {error.Message}");
        }
    }

    /// <summary>Adds every repair option to <paramref name="command"/>, after the repair's own.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_host, _apiDefaultsFile, _apiDatabase, _cellDefaultsFile, _cellDatabase, _novaConf, _apply, _max, _journal, _timeout])
        {
            command.Options.Add(option);
        }
    }

    public RepairSettings Read(ParseResult parse) => new(
        parse.GetValue(_host)!,
        new NovaDatabaseSettings(
            new DatabaseSettings { Name = "nova_api database", DefaultsFile = parse.GetValue(_apiDefaultsFile), Database = parse.GetValue(_apiDatabase) },
            new DatabaseSettings { Name = "cell database", DefaultsFile = parse.GetValue(_cellDefaultsFile), Database = parse.GetValue(_cellDatabase) },
            parse.GetValue(_novaConf)),
        parse.GetValue(_apply),
        HandlerCommand.Positive("--max", parse.GetValue(_max)),
        parse.GetValue(_journal)!,
        HandlerCommand.Seconds("--timeout", parse.GetValue(_timeout)));

    /// <summary>The check's --nova-conf, with the same name and meaning.</summary>
    private static Option<string> NovaConf() => new(NovaCells.ConfOption.Name)
    {
        Description = NovaCells.ConfOption.Description,
        HelpName = NovaCells.ConfOption.HelpName,
    };
}
