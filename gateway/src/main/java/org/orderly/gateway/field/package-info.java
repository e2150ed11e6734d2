/**
 * What the meter protocols ({@code modbus}, {@code dlt645}) have in common, and what a reading of the field may be at
 * most ({@link org.orderly.gateway.field.ReadingBounds}, a meter's or a pile's); the pile drivers are in {@code pile}.
 */
package org.orderly.gateway.field;
