using StackFsck.Confgen.Cli;

return ConfgenCli.Run(args);
