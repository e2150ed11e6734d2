/**
 * YAML an installer edits by hand (the configuration, the devices' register maps), its mistakes said in their words
 * at the line to fix rather than in SnakeYAML's.
 */
package org.orderly.gateway.yaml;
