using System.Text.RegularExpressions;

namespace StackFsck.Plugin.Tests;

/// <summary>
/// A pattern option answers as .NET's regex engine does, whether it took the engine or the
/// literal-prefix path: the same matches, the same refusals, shown as given.
/// </summary>
public class TextPatternTests
{
    private static readonly string[] Names =
    [
        "compute.cmp-001", "compute", "compute_fanout_1a2b", "computeXcmp", "Compute.cmp", "", "scheduler",
        "backup-db1", "backup_db1", "x-compute.cmp", "a.b", "ab", "a\\b", "_", "-", "c:/d@e=f,g%h!i~j",
    ];

    [Theory]
    [InlineData(@"^compute\.")]
    [InlineData("^compute")]
    [InlineData("^compute.")]
    [InlineData("^backup-")]
    [InlineData("^")]
    [InlineData(@"^a\\b")]
    [InlineData("^c:/d@e=f,g%h!i~j")]
    [InlineData("^scheduler$")]
    [InlineData("compute")]
    [InlineData("^(compute|scheduler)")]
    [InlineData("^[cs]")]
    [InlineData("^a b")]
    [InlineData(@"^\d")]
    [InlineData(@"^a\-b")]
    public void AnswersAsTheRegexEngineDoes(string pattern)
    {
        var parsed = TextPattern.Parse(pattern);

        Assert.Equal(pattern, parsed.ToString());
        Assert.All(Names, name => Assert.Equal(Regex.IsMatch(name, pattern, RegexOptions.CultureInvariant), parsed.IsMatch(name)));
    }

    /// <summary>Random patterns from the characters that decide the path, against random names (fixed seed).</summary>
    [Fact]
    public void AgreesWithTheEngineOnRandomPatterns()
    {
        var random = new Random(1623);
        const string alphabet = @"\\.-_:ab1 *$(^";
        int literal = 0; // patterns certain to take the literal path: '^' and then only letters, digits, '-' and ':'

        for (int round = 0; round < 3000; round++)
        {
            string pattern = (random.Next(3) > 0 ? "^" : "") + RandomText(random, alphabet, 6);
            Regex engine;
            try
            {
                engine = new Regex(pattern, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException)
            {
                Assert.ThrowsAny<ArgumentException>(() => TextPattern.Parse(pattern));
                continue;
            }

            var parsed = TextPattern.Parse(pattern);
            literal += pattern.StartsWith('^') && pattern.AsSpan(1).TrimStart("ab1-:").IsEmpty ? 1 : 0;
            for (int i = 0; i < 20; i++)
            {
                string name = RandomText(random, "ab1.-_:\\", 5);
                Assert.True(engine.IsMatch(name) == parsed.IsMatch(name), $"'{pattern}' on '{name}'");
            }
        }

        Assert.True(literal > 200, $"only {literal} patterns could take the literal path");
    }

    [Theory]
    [InlineData(@"^\_")]
    [InlineData(@"^a\")]
    [InlineData("^(")]
    public void RefusesWhatTheEngineRefuses(string pattern) =>
        Assert.ThrowsAny<ArgumentException>(() => TextPattern.Parse(pattern));

    private static string RandomText(Random random, string alphabet, int maxLength)
    {
        var text = new char[random.Next(maxLength + 1)];
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(text);
    }
}
