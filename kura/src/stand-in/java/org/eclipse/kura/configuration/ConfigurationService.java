package org.eclipse.kura.configuration;

/**
 * Compile-time stand-in for Eclipse Kura's ConfigurationService, used only as the name of a DS reference (no method
 * is ever called). Never packaged; see {@link ConfigurableComponent}.
 */
public interface ConfigurationService {
}
