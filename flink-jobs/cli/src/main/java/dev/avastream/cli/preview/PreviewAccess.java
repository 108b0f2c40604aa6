package dev.avastream.cli.preview;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who may use the preview server and which files it may decode.
 *
 * <ul>
 *   <li><b>Token.</b> With a token, every request must carry it: {@code Authorization: Bearer TOKEN},
 *       or the {@value #COOKIE} cookie, which a browser gets by opening any page once with
 *       {@code ?token=TOKEN} (answered with a redirect to the same page without it, so the token does
 *       not stay in the address bar or the history). Compared in constant time. Bound to anything but
 *       loopback, the server refuses to start without one.</li>
 *   <li><b>Host and origin.</b> Bound to loopback, a request must name a loopback host (a web page
 *       that rebinds its own name to 127.0.0.1 is refused); a POST that comes from a page of another
 *       origin is refused (a page elsewhere cannot write curator verdicts).</li>
 *   <li><b>Sources.</b> The still routes decode the file a title's updates name as its source, and
 *       those come from Kafka: a forged record could name any path, or an FFmpeg protocol
 *       ({@code concat:}, {@code http:}, ...) that reads others. Only an absolute path to a regular
 *       file is decoded, and with source roots only one whose real path (symbolic links and
 *       {@code ..} resolved) lies under one of them. Bound beyond loopback, roots are required.</li>
 * </ul>
 */
public final class PreviewAccess {
    /** The cookie that carries the token for a browser. */
    public static final String COOKIE = "ava_preview_token";
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final byte[] token;
    private final List<Path> roots;
    private final boolean loopback;

    private PreviewAccess(byte[] token, List<Path> roots, boolean loopback) {
        this.token = token;
        this.roots = roots;
        this.loopback = loopback;
    }

    /** No token, any local file: the in-process previews of demo and live, bound to loopback. */
    public static PreviewAccess loopbackOnly() {
        return new PreviewAccess(null, List.of(), true);
    }

    /**
     * The access rules for a server bound to {@code bind}.
     *
     * @param token       null or blank for none
     * @param sourceRoots directories whose files the still routes may decode; empty: any (loopback only)
     * @throws IllegalArgumentException bound beyond loopback without a token or roots, or a root that is
     *                                  not a directory
     */
    public static PreviewAccess of(String bind, String token, List<Path> sourceRoots) {
        boolean loopback = isLoopback(bind);
        boolean hasToken = token != null && !token.isBlank();
        if (!loopback && !hasToken) {
            throw new IllegalArgumentException("--bind " + bind + " serves the preview beyond this machine: give a "
                    + "token (--token-file FILE or the AVA_PREVIEW_TOKEN environment variable)");
        }
        if (!loopback && sourceRoots.isEmpty()) {
            throw new IllegalArgumentException("--bind " + bind + " serves the preview beyond this machine: give "
                    + "--source-root DIR for the directories whose videos its still routes may decode");
        }
        if (hasToken && token.strip().length() < 16) {
            throw new IllegalArgumentException("the preview token must be at least 16 characters");
        }
        List<Path> real = new ArrayList<>();
        for (Path r : sourceRoots) {
            try {
                if (!Files.isDirectory(r)) throw new IllegalArgumentException("--source-root " + r.toAbsolutePath() + ": not a directory");
                real.add(r.toRealPath());
            } catch (IOException e) {
                throw new IllegalArgumentException("--source-root " + r.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        return new PreviewAccess(hasToken ? token.strip().getBytes(StandardCharsets.UTF_8) : null, List.copyOf(real), loopback);
    }

    public boolean tokenRequired() { return token != null; }

    /**
     * The file a title's source names, if the still routes may decode it.
     *
     * @throws SecurityException naming the source and why it is refused
     */
    public Path allowedSource(String source) {
        if (source == null || source.isBlank()) throw new SecurityException("the title names no source file");
        if (SCHEME.matcher(source).find()) {
            throw new SecurityException(source + ": not a local file path (FFmpeg protocols are not decoded here)");
        }
        Path p;
        try {
            p = Path.of(source);
        } catch (InvalidPathException e) {
            throw new SecurityException(source + ": not a file path");
        }
        if (!p.isAbsolute()) throw new SecurityException(source + ": not an absolute path");
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new SecurityException(source + ": no such file");
        }
        if (!Files.isRegularFile(real)) throw new SecurityException(source + ": not a regular file");
        if (roots.isEmpty()) return real;
        for (Path root : roots) if (real.startsWith(root)) return real;
        throw new SecurityException(source + ": outside the preview's source roots");
    }

    /** The filter every route of the server goes through. */
    Filter filter() {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange ex, Chain chain) throws IOException {
                String refused = refusal(ex);
                if (refused != null) {
                    ex.getRequestBody().close();
                    byte[] body = refused.getBytes(StandardCharsets.UTF_8);
                    int code = refused.startsWith("token") ? 401 : 403;
                    try (ex) {
                        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                        if (code == 401) ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"ava preview\"");
                        ex.sendResponseHeaders(code, body.length);
                        ex.getResponseBody().write(body);
                    }
                    return;
                }
                String offered = queryToken(ex);
                if (token != null && offered != null) {
                    // A browser logging in: the cookie from now on, and the address without the token.
                    String query = stripToken(ex.getRequestURI().getRawQuery());
                    try (ex) {
                        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + new String(token, StandardCharsets.UTF_8)
                                + "; Path=/; HttpOnly; SameSite=Strict");
                        ex.getResponseHeaders().set("Location", ex.getRequestURI().getRawPath() + (query.isEmpty() ? "" : "?" + query));
                        ex.sendResponseHeaders(303, -1);
                    }
                    return;
                }
                chain.doFilter(ex);
            }

            @Override
            public String description() { return "AVA preview access (token, host, origin)"; }
        };
    }

    /** Why a request is refused, or null. */
    String refusal(HttpExchange ex) {
        if (loopback) {
            String host = hostName(ex.getRequestHeaders().getFirst("Host"));
            if (host == null || !isLoopbackName(host)) return "host: this preview serves loopback requests only";
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if ("POST".equalsIgnoreCase(ex.getRequestMethod()) && origin != null) {
            String host = ex.getRequestHeaders().getFirst("Host");
            String originHost = origin.replaceFirst("^[a-z]+://", "");
            if (host == null || !originHost.equalsIgnoreCase(host)) return "origin: a page of another origin may not post here";
        }
        if (token == null) return null;
        String offered = bearer(ex);
        if (offered == null) offered = cookie(ex);
        if (offered == null) offered = queryToken(ex);
        if (offered == null) return "token: this preview needs its token (open it once with ?token=TOKEN)";
        if (!MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.UTF_8))) return "token: wrong token";
        return null;
    }

    private static String bearer(HttpExchange ex) {
        String a = ex.getRequestHeaders().getFirst("Authorization");
        return a != null && a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).strip() : null;
    }

    private static String cookie(HttpExchange ex) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(COOKIE + "=")) return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    private static String queryToken(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null) return null;
        for (String part : raw.split("&")) {
            if (part.startsWith("token=")) return URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String stripToken(String rawQuery) {
        if (rawQuery == null) return "";
        List<String> kept = new ArrayList<>();
        for (String part : rawQuery.split("&")) if (!part.startsWith("token=") && !part.isEmpty()) kept.add(part);
        return String.join("&", kept);
    }

    /** The host of a Host header, without its port ([::1]:8088 -> ::1). */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) return null;
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(1, end);
        }
        int colon = h.lastIndexOf(':');
        return colon >= 0 ? h.substring(0, colon) : h;
    }

    private static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) return true;
        // a literal address only: a name would be resolved, and resolving it is what a rebinding page controls
        if (!h.matches("[0-9.]+|[0-9a-f:]+")) return false;
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
