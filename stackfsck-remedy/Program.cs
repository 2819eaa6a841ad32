using StackFsck.Plugin;
using StackFsck.Remedy;

return RemedyCli.Run(args, StandardStreams.Output(), StandardStreams.Error());
