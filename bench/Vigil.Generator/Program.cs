using Vigil.Generator;

if (GeneratorArguments.IsHelp(args))
{
    Console.WriteLine(GeneratorArguments.Usage);
    return 0;
}

var parsed = GeneratorArguments.Parse(args, out var error);
if (parsed is not { } arguments)
{
    Console.Error.WriteLine($"vigil-generate: {error}");
    Console.Error.WriteLine(GeneratorArguments.Usage);
    return 2;
}

var profile = ProfileLocator.Load(arguments.ProfilePath, out var profileError);
if (profile is null)
{
    Console.Error.WriteLine($"vigil-generate: {profileError}");
    return 2;
}

try
{
    Console.WriteLine(CloudTrailGenerator.Run(arguments.Options, profile));
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"vigil-generate: writing --output {arguments.Options.Output} failed: {ex.Message} Choose a writable path.");
    return 1;
}

return 0;
