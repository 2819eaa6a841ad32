using StackFsck.Remedy;

return RemedyCli.Run(args, Console.Out, Console.Error);
