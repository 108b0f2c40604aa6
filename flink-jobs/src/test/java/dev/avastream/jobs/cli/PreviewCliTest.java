package dev.avastream.jobs.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code preview}, {@code watch} and demo's preview flag: help, and exit code 2 with the reason for bad arguments. */
class PreviewCliTest {
    @Test
    void helpNamesTheOptions() {
        String[] out = run("preview", "--help");
        assertEquals("0", out[0]);
        assertTrue(out[1].contains("--port") && out[1].contains("--title") && out[1].contains("--bootstrap-servers"), out[1]);
        out = run("watch", "--help");
        assertEquals("0", out[0]);
        assertTrue(out[1].contains("--json") && out[1].contains("--from-beginning") && out[1].contains("--title"), out[1]);
        out = run("demo", "--help");
        assertTrue(out[1].contains("--preview-port") && out[1].contains("--keep-preview"), out[1]);
        assertTrue(run("--help")[1].contains("preview"));
    }

    @Test
    void badArgumentsExitWithTwo() throws Exception {
        String[] r = run("preview", "--port", "70000");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--port must be 0..65535"), r[2]);
        r = run("watch", "--limit", "-1");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--limit must not be negative"), r[2]);
        r = run("demo", "--preview-port", "-5");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--preview-port must be -1..65535"), r[2]);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            r = run("preview", "--port", Integer.toString(taken.getLocalPort()), "--bootstrap-servers", "127.0.0.1:1");
            assertEquals("2", r[0]);
            assertTrue(r[2].contains("in use") && r[2].contains("choose another --port"), r[2]);
        }
    }

    /** exit code, stdout, stderr */
    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = AvaCli.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new String[]{Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }
}
