package org.tensormark.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Whether a listening address ({@code quarkus.http.host}) is reachable from this machine only. */
final class LoopbackHost {

    // Only IP literals are parsed: a host name is never resolved, so "myhost" counts as public.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private LoopbackHost() {
    }

    static boolean is(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
