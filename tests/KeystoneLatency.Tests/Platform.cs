// The check under test ships for linux-x64 only, and these tests check Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
