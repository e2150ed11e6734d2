package org.orderly.tools.commission;

import java.nio.file.Path;
import org.orderly.gateway.field.modbus.BusEndpoint;

/**
 * What a scan says of a unit that answers but fits no meter map: it may be a meter of another model, read with
 * {@code modbus read}, or a Modbus pile, which only {@code pile get} reads (modbus read refuses a pile's map). Each
 * command is given whole, with this line's settings and unit, in the options that command takes.
 */
final class NoMapFits {
    private NoMapFits() {
    }

    /**
     * @param ownDevices the installer's own {@code --devices}, named in the commands; null when not given
     * @param ownMaps    whether maps of the installer's were tried ({@code --devices}, or the installation's devices
     *                   directory, which the commands read without naming it)
     */
    static String advice(BusEndpoint endpoint, int unit, Path ownDevices, boolean ownMaps) {
        String devices = ownDevices == null ? "" : " --devices " + ownDevices;
        String read;
        String pile;
        if (endpoint instanceof BusEndpoint.Serial s) {
            String settings = " --baud " + s.baud() + " --parity " + s.parity();
            read = "--port " + s.port() + settings + (s.stopBits() != 1 ? " --stop-bits " + s.stopBits() : "");
            pile = "--modbus-port " + s.port() + settings;
        } else {
            BusEndpoint.Tcp t = (BusEndpoint.Tcp) endpoint;
            read = "--host " + t.host() + " --tcp-port " + t.port();
            pile = "--modbus-host " + t.host() + " --tcp-port " + t.port();
        }
        return "answers, but no " + (ownMaps ? "known" : "shipped") + " map fits: a meter? orderly modbus read "
                + read + " --unit " + unit + " --map METER_MAP" + devices + "; a Modbus pile? orderly pile get " + pile
                + " --unit " + unit + " --map piles/PILE_MAP" + devices;
    }
}
