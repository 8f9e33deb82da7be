namespace Fleet.Node.Admin;

/// <summary>Adds the admin API to a node when its settings give a port.</summary>
public static class AdminRegistration
{
    public static IServiceCollection AddFleetAdmin(this IServiceCollection services, AdminSettings settings)
    {
        if (settings.Port is null)
        {
            return services;
        }
        services.AddSingleton(sp => new AdminServer(settings, sp));
        return services.AddHostedService(sp => sp.GetRequiredService<AdminServer>());
    }
}
