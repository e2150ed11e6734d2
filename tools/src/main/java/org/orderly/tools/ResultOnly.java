package org.orderly.tools;

/**
 * A command whose output is its result: check-config, pile get and set, selftest, modbus and dlt645. While one runs,
 * {@link CommandLog} keeps the log's INFO lines (configuration loaded, driver closed) off standard error, which would
 * surround the result with timestamped lines the command says better itself; warnings and errors still show.
 * {@code orderly run}, {@code demo} and {@code aggregate} are services: their INFO lines are their record.
 */
public interface ResultOnly {
}
