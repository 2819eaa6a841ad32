using StackFsck.Plugin.Database;

namespace StackFsck.Checks.DbBloat;

/// <summary>
/// Which step of its service's cleanup (<see cref="Cleanup"/>: 0 the first command, 1 the
/// second) removes a table's rows, and which rows, as SQL on the table: <see cref="Removes"/>;
/// <see cref="ThenPurged"/> of those Nova archives, the ones its purge then removes.
/// </summary>
internal sealed record TableRule(int Step, string Removes, string? ThenPurged = null);

/// <summary>Each service tool's own rule for what it removes, so the counts equal what the printed commands remove.</summary>
internal static class CleanupRules
{
    /// <summary>Null: no printed command touches the table.</summary>
    public static TableRule? For(TableInfo table, Cutoff cutoff, TableSet tables) => table.Database.Service switch
    {
        OpenStackService.Nova => Nova(table, cutoff, tables),
        OpenStackService.Glance => Glance(table, cutoff),

        // cinder-manage db purge: every table with a deleted column, deleted IS TRUE AND deleted_at before the age.
        OpenStackService.Cinder when table.Deleted != DeletedColumn.None =>
            new(0, $"{TableCount.DeletedPredicate(table)} AND {Cutoff.Sql("deleted_at", cutoff.Relative)}"),
        OpenStackService.Heat when table.IsSoftDelete =>
            new(0, $"{TableCount.DeletedPredicate(table)} AND {Cutoff.Sql("deleted_at", cutoff.Relative)}"),
        _ => null,
    };

    private static TableRule? Nova(TableInfo table, Cutoff cutoff, TableSet tables)
    {
        if (table.IsShadow)
        {
            return NovaRules.Purged(table, cutoff) is string purged ? new(1, purged) : null;
        }

        if (!NovaRules.IsArchived(table, tables))
        {
            return null;
        }

        string archived = NovaRules.Archived(table, cutoff, tables);
        return new(0, archived, NovaRules.Purged(table, cutoff) is string then ? $"({archived}) AND {then}" : null);
    }

    /// <summary>
    /// glance-manage db purge: rows of the soft-delete tables but images whose deleted_at is
    /// before the age, and the task_info of such tasks; db purge_images_table: such images.
    /// </summary>
    private static TableRule? Glance(TableInfo table, Cutoff cutoff)
    {
        string old = Cutoff.Sql("deleted_at", cutoff.Relative);
        return table.Name switch
        {
            "images" => new(1, old),
            "task_info" => new(0, $"EXISTS (SELECT 1 FROM {Sql.Identifier(table.Database.Name)}.`tasks` WHERE `tasks`.id = {table.QualifiedName}.task_id AND {old})"),
            _ when table.HasDeletedAt && table.Deleted != DeletedColumn.None => new(0, old),
            _ => null,
        };
    }
}
