using Vigil.Generator;

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

Console.WriteLine(CloudTrailGenerator.Run(arguments.Options, profile));
return 0;
