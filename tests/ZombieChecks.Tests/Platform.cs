// The tests run the Linux check binaries and set unix file modes (option files as deployed: 0600).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
