using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Tests.Nagios;

/// <summary>Objects read from a template's output are written back as the template laid them out, byte for byte.</summary>
public sealed class NagiosWriterTests
{
    [Theory]
    [InlineData("# a comment\n\ndefine host {\n    use             stackfsck-host\n    host_name       a.example.net\n}\n")]
    [InlineData("define service {\n\thost_name\ta\n    # a comment inside\n    check_command   x!1!;trailing comment\n  _VAR  a\\;b   \n    # before the end\n}\n\n# after the last object\n")]
    [InlineData("define command {\ncommand_name c\ncommand_line $USER1$/check_x -t 1\n}")]
    [InlineData("define host {\n    register\n}\n")]
    [InlineData("")]
    public void WritesBackWhatItRead(string text)
    {
        Assert.Equal(text, NagiosWriter.Write(ObjectParser.Read("x.cfg", "x.cfg", text)));
    }

    [Fact]
    public void ReadsValuesAsNagiosDoes()
    {
        NagiosObject service = Assert.Single(ObjectParser.Parse("x.cfg", "define service {\n  check_command   x!1!  ; comment\n  _VAR  a\\;b\n}\n"));

        Assert.Equal("x!1!", service.Get("check_command"));
        Assert.Equal("a\\;b", service.Get("_VAR"));
    }

    [Fact]
    public void EveryRenderedFileOfTheExampleIsWrittenBackUnchanged()
    {
        using var workspace = new Workspace();
        Assert.Equal(0, workspace.Render().ExitCode);

        foreach (string file in Directory.GetFiles(workspace.Output, "*.cfg", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(file);
            Assert.Equal(text, NagiosWriter.Write(ObjectParser.Read(file, file, text)));
        }
    }
}
