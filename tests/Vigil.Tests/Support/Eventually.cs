namespace Vigil.Tests.Support;

/// <summary>Waits for a condition that a background process makes true, polling it.</summary>
internal static class Eventually
{
    public static bool True(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition();
    }
}
