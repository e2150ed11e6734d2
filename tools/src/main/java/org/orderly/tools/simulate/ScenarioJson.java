package org.orderly.tools.simulate;

import java.util.List;

/**
 * The scenario file, {@code orderly-scenario/1}, as it is written (see ../shared/spec/scenario.md).
 * Times stay strings here so that a bad one can be reported with its path; {@link ScenarioReader}
 * checks everything and builds the {@link Scenario}.
 */
record ScenarioJson(String format, String name, String timezone, String start, String end, Integer stepSeconds,
                    Double penaltyPerKWh, Transformer transformer, List<Circuit> circuits, BaseLoad baseLoad,
                    Tariff tariff, List<Pile> piles, List<Session> sessions, List<GridEvent> gridEvents,
                    List<History> history) {

    record Transformer(Double ratedKva, Double limitKw, Double phaseLimitA, Double phaseVoltageV) {
    }

    record Circuit(String id, Double limitKw, String parent) {
    }

    record BaseLoad(Integer intervalSeconds, List<Double> kw) {
    }

    record Tariff(String currency, String name, List<Period> periods) {
    }

    record Period(String from, String to, Double pricePerKWh) {
    }

    record Pile(String id, String circuit, String phase, Double minCurrentA, Double maxCurrentA) {
    }

    record Session(String id, String pile, String arrival, String departure, Double energyKWh, Double maxPowerKw,
                   Declared declared) {
    }

    record Declared(String departure, Double energyKWh) {
    }

    record GridEvent(String id, String issuedAt, String from, String to, Double limitKw) {
    }

    record History(String pile, String arrival, String departure, Double energyKWh) {
    }
}
