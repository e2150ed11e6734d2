package org.orderly.gateway.kura;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.configuration.ConfigurationService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Shows the gateway's configuration in Kura's UI. Kura lists a configuration for editing when a service with that
 * {@code service.pid} is an instance of its {@link ConfigurableComponent}; this component shares
 * {@link OrderlyGatewayComponent}'s configuration PID and is that service. It needs Kura's ConfigurationService, so
 * outside Kura it stays unsatisfied and its class, which needs Kura's optional package, is never loaded; the gateway
 * component itself has no Kura dependency and runs in any framework.
 */
@Component(name = "org.orderly.gateway.kura.KuraConfigurableComponent", configurationPid = OrderlyGatewayComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = ConfigurableComponent.class,
        reference = @Reference(name = "kuraConfigurationService", service = ConfigurationService.class))
public final class KuraConfigurableComponent implements ConfigurableComponent {
}
