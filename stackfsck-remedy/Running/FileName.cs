namespace StackFsck.Remedy.Running;

/// <summary>A host name, service description or tracker id as one safe file name: percent-escaped, so two names never meet.</summary>
public static class FileName
{
    public static string Of(string name)
    {
        string escaped = Uri.EscapeDataString(name);
        return escaped is "." or ".." ? escaped.Replace(".", "%2E") : escaped;
    }
}
