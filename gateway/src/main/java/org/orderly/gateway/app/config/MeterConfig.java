package org.orderly.gateway.app.config;

/** A Modbus meter: the transformer's ({@code pile} null) or a pile's; where it is and its register map's name. */
public record MeterConfig(String id, String pile, String bus, int unit, String map) {
    public boolean isTransformer() {
        return pile == null;
    }
}
