package org.orggroups.app.support;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool that an H2 connection over TCP whose server went away is dead. Hikari drops a
 * connection when a failure carries SQL state class {@code 08} or a state PostgreSQL uses for a server going down,
 * which is what pgjdbc reports; H2's client reports a broken connection with codes of its own (90067 "Connection is
 * broken", 90121 "Database is already closed"), and the pool kept handing the dead connection out. Only tests reach
 * H2 over a network.
 */
public class H2BrokenConnections implements SQLExceptionOverride {

    private static final int CONNECTION_BROKEN = 90067;
    private static final int DATABASE_CLOSED = 90121;

    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        int code = failure.getErrorCode();
        return code == CONNECTION_BROKEN || code == DATABASE_CLOSED ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
