/** What the meter protocols ({@code modbus}, {@code dlt645}) have in common; the pile drivers are in {@code pile}. */
package org.orderly.gateway.field;
