package dev.avastream.cli;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code preview}, {@code watch} and demo's preview flag: help, and exit code 2 with the reason for bad arguments. */
class PreviewCliTest {
    @Test
    void helpNamesTheOptions() {
        CliRun out = run("preview", "--help");
        assertEquals(0, out.code());
        assertTrue(out.out().contains("--port") && out.out().contains("--title") && out.out().contains("--bootstrap-servers"), out.out());
        out = run("watch", "--help");
        assertEquals(0, out.code());
        assertTrue(out.out().contains("--json") && out.out().contains("--from-beginning") && out.out().contains("--title"), out.out());
        out = run("demo", "--help");
        assertTrue(out.out().contains("--preview-port") && out.out().contains("--keep-preview"), out.out());
        assertTrue(run("--help").out().contains("preview"));
    }

    @Test
    void badArgumentsExitWithTwo() throws Exception {
        CliRun r = run("preview", "--port", "70000");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--port must be 0..65535"), r.err());
        r = run("watch", "--limit", "-1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--limit must not be negative"), r.err());
        r = run("demo", "--preview-port", "-5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--preview-port must be -1..65535"), r.err());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            r = run("preview", "--port", Integer.toString(taken.getLocalPort()), "--bootstrap-servers", "127.0.0.1:1");
            assertEquals(2, r.code());
            assertTrue(r.err().contains("in use") && r.err().contains("choose another --port"), r.err());
        }
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
