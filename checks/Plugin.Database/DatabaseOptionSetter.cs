namespace StackFsck.Plugin.Database;

/// <summary>Hands <see cref="DatabaseSettings"/> to Connector/C as <c>mysql_options</c> calls, before connecting.</summary>
internal static class DatabaseOptionSetter
{
    public static void Apply(IntPtr mysql, DatabaseSettings settings, uint secondsLeft)
    {
        // The option files are read at connect time; values passed to mysql_real_connect win over them.
        SetString(mysql, MariaDbNative.Option.ReadDefaultFile, settings.DefaultsFile);
        SetString(mysql, MariaDbNative.Option.ReadDefaultGroup, settings.DefaultsGroup ?? (settings.DefaultsFile is null ? null : "client"));
        SetString(mysql, MariaDbNative.Option.CharsetName, "utf8mb4");
        MariaDbNative.OptionUInt(mysql, MariaDbNative.Option.ConnectTimeout, secondsLeft);
        MariaDbNative.OptionUInt(mysql, MariaDbNative.Option.ReadTimeout, secondsLeft);
        MariaDbNative.OptionUInt(mysql, MariaDbNative.Option.WriteTimeout, secondsLeft);
        if (settings.Port is not null && settings.Socket is null)
        {
            MariaDbNative.OptionUInt(mysql, MariaDbNative.Option.Protocol, MariaDbNative.ProtocolTcp);
        }

        ApplyTls(mysql, settings.Tls);
    }

    private static void ApplyTls(IntPtr mysql, DatabaseTls tls)
    {
        SetString(mysql, MariaDbNative.Option.SslCa, tls.CaFile);
        SetString(mysql, MariaDbNative.Option.SslCert, tls.CertFile);
        SetString(mysql, MariaDbNative.Option.SslKey, tls.KeyFile);
        if (tls.Required)
        {
            MariaDbNative.OptionBool(mysql, MariaDbNative.Option.SslEnforce, 1);
        }

        if (tls.VerifyServerCert)
        {
            MariaDbNative.OptionBool(mysql, MariaDbNative.Option.SslVerifyServerCert, 1);
        }
    }

    private static void SetString(IntPtr mysql, MariaDbNative.Option option, string? value)
    {
        if (value is not null)
        {
            MariaDbNative.OptionString(mysql, option, value);
        }
    }
}
