package org.eclipse.kura.configuration;

/**
 * Compile-time stand-in for Eclipse Kura's marker interface of the same name (org.eclipse.kura.api, not on Maven
 * Central; the real one is also an empty interface). The bundle never contains this class: it imports the package
 * with resolution:=optional, so on Kura the real interface is used and elsewhere it is absent.
 */
public interface ConfigurableComponent {
}
