package org.orderly.tools.commission;

import org.orderly.serial.UnitAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Modbus unit ids {@code from..to} ({@link UnitAddress}), written {@code 5}, {@code 1-20}. */
record UnitRange(int from, int to) {
    UnitRange {
        if (!UnitAddress.isUnit(from) || !UnitAddress.isUnit(to) || from > to) {
            throw new IllegalArgumentException("unit ids go from " + UnitAddress.LOWEST + " to " + UnitAddress.HIGHEST
                    + ", lowest first; was " + from + "-" + to);
        }
    }

    static final class Converter implements ITypeConverter<UnitRange> {
        @Override
        public UnitRange convert(String s) {
            try {
                String[] p = s.split("-", 2);
                int from = Integer.parseInt(p[0].strip());
                return new UnitRange(from, p.length == 1 ? from : Integer.parseInt(p[1].strip()));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + s + "' is not a unit id or range like 1-20");
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
