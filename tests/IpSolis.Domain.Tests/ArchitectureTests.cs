using System.Reflection;
using IpSolis.Domain;

namespace IpSolis.Domain.Tests;

/// <summary>Domain holds rules only: it must not depend on another project, EF Core or ASP.NET.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(DomainError).Assembly;

    [Fact]
    public void Domain_ReferencesOnlyTheBaseClassLibrary()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().OnlyContain(name => name == "System.Runtime" || name == "System.Collections"
            || name == "System.Linq" || name == "netstandard" || name == "System.Private.CoreLib"
            || name.StartsWith("System.", StringComparison.Ordinal) && !name.StartsWith("System.Data", StringComparison.Ordinal),
            "Domain may use the base class library only, got: " + string.Join(", ", references));
        references.Should().NotContain(name => name.StartsWith("IpSolis", StringComparison.Ordinal));
        references.Should().NotContain(name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        references.Should().NotContain(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        references.Should().NotContain(name => name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal));
    }

    [Fact]
    public void DomainProject_HasNoProjectOrPackageReferences()
    {
        var project = FindRepositoryFile("src/IpSolis.Domain/IpSolis.Domain.csproj");
        var text = File.ReadAllText(project);

        text.Should().NotContain("<ProjectReference").And.NotContain("<PackageReference").And.NotContain("<FrameworkReference");
    }

    [Fact]
    public void Domain_UsesNoClock()
    {
        // Time is passed in: no DateTime.Now / UtcNow / DateTimeOffset.UtcNow in rules.
        var sources = Directory.EnumerateFiles(Path.GetDirectoryName(FindRepositoryFile("src/IpSolis.Domain/IpSolis.Domain.csproj"))!, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        foreach (var file in sources)
            File.ReadAllText(file).Should().NotContainAny(["DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.Now", "DateTimeOffset.UtcNow"], because: file);
    }

    private static string FindRepositoryFile(string relative)
    {
        var root = typeof(ArchitectureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        var path = Path.Combine(root, relative);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Could not find {relative} under {root}.");
    }
}
