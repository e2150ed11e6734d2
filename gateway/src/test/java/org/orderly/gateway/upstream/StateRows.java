package org.orderly.gateway.upstream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The {@code state} messages a table of a gateway's store holds, read as an operator would with sqlite3. */
final class StateRows {
    private StateRows() {
    }

    /** The state messages in {@code table} ({@code outbox}, {@code outbox_set_aside}) of {@code db}: "seq payload". */
    static List<String> in(Path db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq, payload FROM " + table + " WHERE topic LIKE '%/state'"
                     + " ORDER BY seq")) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getLong(1) + " " + new String(r.getBytes(2), StandardCharsets.UTF_8));
            }
            return rows;
        }
    }
}
