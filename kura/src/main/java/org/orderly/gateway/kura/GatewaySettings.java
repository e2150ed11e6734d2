package org.orderly.gateway.kura;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * What an installer sets in Kura's UI (or in ConfigAdmin) for the gateway. The compound itself (piles, meters,
 * tariff) stays in the gateway's YAML file, validated line by line as everywhere else (docs/operations.md): the form
 * only says where that file is and whether the gateway runs. The metatype only: the component reads the properties as
 * given ({@link FormSettings}), since DS's conversion to these types would take {@code enabled = "yes"} for false.
 */
@ObjectClassDefinition(id = OrderlyGatewayComponent.PID, name = "Orderly gateway",
        description = "Orderly EV charging: plans every pile under the transformer and sets each pile's current every"
                + " second. The compound is described in the YAML configuration file.")
public @interface GatewaySettings {
    @AttributeDefinition(name = "Enabled", description = "Run the gateway. Off stops it (the bundle stays installed).")
    boolean enabled() default true;

    @AttributeDefinition(name = "Configuration file",
            description = "Absolute path of the gateway's YAML configuration (see docs/operations.md). Relative"
                    + " paths in it (store, pre-shared keys) are relative to its directory.")
    String configFile() default "/opt/orderly/orderly.yaml";

    @AttributeDefinition(name = "Register maps directory", required = false,
            description = "Absolute path of a directory of register maps of your own, the meters' and the Modbus"
                    + " piles' (docs/register-maps.md), read before the maps carried in this bundle. Empty: the"
                    + " directory devices beside the configuration file, when there is one.")
    String devicesDir() default "";
}
