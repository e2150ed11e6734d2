/**
 * The gateway's YAML configuration: reading it, validating all of it with file:line:column for every
 * problem, and building the core's {@link org.orderly.gateway.core.model.Compound} and
 * {@link org.orderly.gateway.core.tariff.Tariff} from it. Keys are described in {@code docs/operations.md};
 * {@code config/orderly.example.yaml} is a commented example.
 */
package org.orderly.gateway.app.config;
