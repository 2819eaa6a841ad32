// The tests run the Linux executable and check unix file modes (a saved domain XML is 0600).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
