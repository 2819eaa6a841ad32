using StackFsck.OpenStack.Nova;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;

namespace StackFsck.Remedy.Repairs;

/// <summary>Where Nova is: nova_api (to look the host's cell up), a cell database given directly, nova.conf for mapping templates.</summary>
internal sealed record NovaDatabaseSettings(DatabaseSettings Api, DatabaseSettings Cell, string? NovaConf);

/// <summary>
/// The Nova cell database a repair plans from and re-verifies against, read by the same code
/// check_nova_hypervisor reads it with (<see cref="NovaSide"/>), so a repair acts on exactly what
/// the check counts. The database layer runs under the checks' deadline: a hung server ends the
/// run with one line naming the stage, never a hang.
/// </summary>
/// <remarks>The host's cell is found as the check finds it (<see cref="NovaCells.CellOf"/>).</remarks>
internal sealed class NovaCellReader : IDisposable
{
    private readonly Deadline _deadline;
    private readonly DatabaseConnection _cell;

    private NovaCellReader(Deadline deadline, DatabaseConnection cell)
    {
        _deadline = deadline;
        _cell = cell;
    }

    /// <param name="timeout">for the whole run; on expiry the process ends with <see cref="RemedyExit.Failed"/>.</param>
    public static NovaCellReader Open(NovaDatabaseSettings nova, string host, TimeSpan timeout, TextWriter stderr)
    {
        var deadline = new Deadline(new TimeoutSetting(timeout.TotalSeconds, (Status)RemedyExit.Failed), expired =>
        {
            stderr.WriteLine($"{RemedyCli.Program}: timed out after {timeout.TotalSeconds:0.#} s while {expired.Stage}");
            return true;
        });
        var context = new CheckContext(new CommandLine([]).Parse([]), deadline, 0, stderr);
        try
        {
            DatabaseSettings cell = NovaCells.CellOf(context, host, nova.Api, nova.Cell, nova.NovaConf);
            return new NovaCellReader(deadline, DatabaseConnection.Open(context, cell));
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>What Nova says now about these uuids (archived rows included), as the check reads it.</summary>
    public Dictionary<Guid, NovaInstance> Read(string host, IReadOnlyCollection<Guid> uuids) => NovaSide.Read(_cell, host, uuids);

    /// <summary>The volumes Nova attaches to these instances now, as the check reads them.</summary>
    public List<VolumeMapping> Mappings(IReadOnlyCollection<Guid> instances) => VolumeMappings.Read(_cell, instances);

    public void Dispose()
    {
        _cell.Dispose();
        _deadline.Dispose();
    }
}
