package org.orderly.gateway.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The {@code state} messages a gateway's store holds set aside, read as an operator would with sqlite3. */
final class StateSetAside {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateSetAside() {
    }

    /** The state messages in {@code outbox_set_aside} of the store {@code db}, by number: "online: reason". */
    static List<String> in(Path db) {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT payload, reason FROM outbox_set_aside WHERE topic LIKE '%/state'"
                     + " ORDER BY seq")) {
            while (r.next()) {
                rows.add(JSON.readTree(r.getBytes(1)).path("state").asText() + ": " + r.getString(2));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("reading the set-aside state messages of " + db + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
