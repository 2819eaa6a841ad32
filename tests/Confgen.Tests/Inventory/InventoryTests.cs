using StackFsck.Confgen.Inventory;

namespace StackFsck.Confgen.Tests;

public sealed class InventoryTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void HostIndexSaysWhereEachHostLives()
    {
        InventoryModel model = InventoryLoader.Load(Workspace.ExampleInventory);

        HostLocation hypervisor = model.Hosts.Find("cmp202.cell2.prod.example.net")!;
        Assert.Equal(("prod", "cell2", ServerClass.Cell), (hypervisor.Environment, hypervisor.Cell, hypervisor.Class));
        Assert.Equal(["nagios-cell2.prod.example.net"], hypervisor.Servers);

        HostLocation controller = model.Hosts.Find("ctl1.prod.example.net")!;
        Assert.Equal(("prod", "global", ServerClass.Global), (controller.Environment, controller.Cell, controller.Class));

        HostLocation dev = model.Hosts.Find("cmp1.dev.example.net")!;
        Assert.Equal(("dev", "cell1", ServerClass.Mixed), (dev.Environment, dev.Cell, dev.Class));
        Assert.Null(model.Hosts.Find("nowhere.example.net"));
    }

    [Fact]
    public void InventoryCommandPrintsAHostsLocation()
    {
        CheckRun run = Confgen.Run("inventory", "-i", Workspace.ExampleInventory, "--host", "cmp101.cell1.prod.example.net");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("cmp101.cell1.prod.example.net environment=prod cell=cell1 class=cell servers=nagios-cell1.prod.example.net", run.FirstLine);
    }

    [Fact]
    public void UnknownKeyNamesFileAndLine()
    {
        workspace.Edit("prod/cell2.yaml", "      - {name: cmp202.cell2.prod.example.net, address: 10.12.1.2}",
            "      - {name: cmp202.cell2.prod.example.net, adress: 10.12.1.2}");

        var error = Assert.Throws<InventoryException>(() => InventoryLoader.Load(workspace.Inventory));

        Assert.StartsWith($"{workspace.InventoryFile("prod/cell2.yaml")}:25: unknown key 'adress'", error.Message);
    }

    [Fact]
    public void YamlSyntaxErrorNamesFileAndLine()
    {
        string file = workspace.Write("prod/broken.yaml", "environment: prod\ncells:\n  cell3:\n    hosts: [\n");

        var error = Assert.Throws<InventoryException>(() => InventoryLoader.Load(workspace.Inventory));

        Assert.StartsWith($"{file}:5:", error.Message);
    }

    [Fact]
    public void DuplicateHostAcrossFilesNamesBothPlaces()
    {
        string file = workspace.Write("prod/cell3.yaml",
            "environment: prod\ncells:\n  cell3:\n    hypervisors:\n      - {name: cmp101.cell1.prod.example.net}\n");

        var error = Assert.Throws<InventoryException>(() => InventoryLoader.Load(workspace.Inventory));

        Assert.Contains($"{file}:5: duplicate host 'cmp101.cell1.prod.example.net'", error.Message);
        Assert.Contains("cell1.yaml:24)", error.Message);
    }

    [Theory]
    [InlineData("DB_PASSWORD: hunter2", "looks like a secret")]
    [InlineData("NOTE: has space", "characters Nagios or monasca-agent would split")]
    [InlineData("Mixed: x", "must be upper case (a custom variable: A-Z, 0-9, _) or lower case (a check setting: SERVICE_OPTION)")]
    public void HostVariablesRefuseSecretsAndUnsafeValues(string variable, string message)
    {
        workspace.Edit("prod/cell1.yaml", "        roles: [nova-conductor]", $"        roles: [nova-conductor]\n        vars: {{{variable}}}");

        var error = Assert.Throws<InventoryException>(() => InventoryLoader.Load(workspace.Inventory));

        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void CredentialsAreReferencesNeverSecrets()
    {
        workspace.Edit("prod/cell1.yaml", "credentials_file: /etc/nagios4/private/rabbitmq-cell1.ini", "credentials_file: guest");

        var error = Assert.Throws<InventoryException>(() => InventoryLoader.Load(workspace.Inventory));

        Assert.Contains("cell1.yaml:17: 'credentials_file' must be an absolute path on the Nagios server or a $USERn$ macro", error.Message);
    }

    [Fact]
    public void ResourceMacroIsAValidCredentialReference()
    {
        workspace.Edit("prod/cell1.yaml", "credentials_file: /etc/nagios4/private/rabbitmq-cell1.ini", "credentials_file: $USER5$");

        Assert.Equal(3, InventoryLoader.Load(workspace.Inventory).Environments.Single(e => e.Name == "prod").Servers.Count);
    }

    [Fact]
    public void CellServerMustWatchKnownCells()
    {
        workspace.Edit("prod/environment.yaml", "cells: [cell2]", "cells: [cell9]");

        var error = Assert.Throws<InventoryException>(() => InventoryLoader.Load(workspace.Inventory));

        Assert.Contains("server 'nagios-cell2.prod.example.net' watches cell 'cell9', which environment 'prod' does not define", error.Message);
    }

    [Fact]
    public void CellNoServerWatchesIsAnError()
    {
        string file = workspace.Write("prod/cell3.yaml", "environment: prod\ncells:\n  cell3:\n    hypervisors:\n      - {name: cmp301.cell3.prod.example.net}\n");

        var error = Assert.Throws<InventoryException>(() => InventoryLoader.Load(workspace.Inventory));

        Assert.Equal($"{file}:3: no server of environment 'prod' watches scope 'cell3': its hosts would go unmonitored", error.Message);
    }

    [Fact]
    public void EndpointMustBeAHostOfItsScope()
    {
        workspace.Edit("prod/cell2.yaml", "host: db1.cell2.prod.example.net", "host: db1.cell1.prod.example.net");

        var error = Assert.Throws<InventoryException>(() => InventoryLoader.Load(workspace.Inventory));

        Assert.Contains("endpoint host 'db1.cell1.prod.example.net' is not a host of scope 'cell2'", error.Message);
    }

    [Fact]
    public void BadInventoryIsOneLineAndExitOne()
    {
        workspace.Edit("dev/environment.yaml", "class: mixed", "class: central");

        CheckRun run = Confgen.Run("inventory", "-i", workspace.Inventory);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"confgen: {workspace.InventoryFile("dev/environment.yaml")}:6: server class 'central' is not global, cell or mixed\n", run.Stderr);
    }
}
