using StackFsck.Plugin;

namespace StackFsck.OpenStack.Survey;

/// <summary>Words the categories: one metric each, what they found grouped by state in the long output, and every source that could not be read.</summary>
public static class SurveyReport
{
    public static Report Build(IEnumerable<Category> categories, IReadOnlyList<string> failures, string okSummary)
    {
        var report = new Report() { OkSummary = okSummary };
        foreach (string failure in failures)
        {
            report.Declare(Status.Unknown, failure);
        }

        // A category no database was asked for (--no-SERVICE) is left out altogether.
        foreach (Category category in categories.Where(category => category.Read || category.Failed))
        {
            // Unknown only when none of its databases could be read; a partial count still alerts.
            double? value = !category.Read && category.Failed ? null : category.Count;
            report.Add(new Metric(category.Label, value, Threshold: category.Threshold, Min: 0, Text: $"{category.Count} {category.What}"));
            Details(report, category);
        }

        return report;
    }

    private static void Details(Report report, Category category)
    {
        if (category.Count == 0)
        {
            return;
        }

        string states = string.Join(", ", category.Groups.Select(group => $"{group.State} {group.Found.Count}"));
        report.Detail($"{category.Count} {category.What} ({states}):");
        foreach ((string state, Findings found) in category.Groups)
        {
            foreach (string line in found.Shown)
            {
                report.Detail("  " + line);
            }

            if (found.Count > found.Shown.Count)
            {
                report.Detail($"  ... and {found.Count - found.Shown.Count} more {state}");
            }
        }
    }
}
