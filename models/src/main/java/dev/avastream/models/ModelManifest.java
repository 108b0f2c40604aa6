package dev.avastream.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code models/manifest.json}: every model file the project uses, with where it came from (package
 * and version), its licence, its SHA-256 and how to feed it. Nothing is loaded that is not listed
 * here with a matching checksum.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(int formatVersion, List<Entry> models) {

    /** One model file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String name, String task, String file, String sourcePackage, String sourceVersion,
                        String licence, String sha256, Long bytes, Map<String, List<Long>> inputs,
                        Map<String, List<Long>> outputs, String preprocessing, Double parityMaxAbsDiff) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ModelManifest read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Reads a manifest from a stream (e.g. the copy bundled in the jar); does not close it. */
    public static ModelManifest read(InputStream in) throws IOException {
        ModelManifest m = JSON.readValue(in, ModelManifest.class);
        return new ModelManifest(m.formatVersion(), m.models() == null ? List.of() : m.models());
    }

    /**
     * Checks every listed file exists under {@code dir} with the recorded checksum; returns one
     * problem per bad entry (empty when all is well), each naming the file.
     */
    public List<String> verify(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Entry e : models) {
            Path f = dir.resolve(e.file());
            if (!Files.isRegularFile(f)) {
                problems.add(f + ": missing (model " + e.name() + ")");
                continue;
            }
            String actual = sha256(f);
            if (!actual.equalsIgnoreCase(e.sha256())) {
                problems.add(f + ": sha256 " + actual + " does not match the manifest's " + e.sha256());
            }
            if (e.licence() == null || e.licence().isBlank()) problems.add(f + ": no licence recorded");
            if (e.sourcePackage() == null || e.sourceVersion() == null) problems.add(f + ": no source package/version recorded");
        }
        return problems;
    }

    /** The SHA-256 of {@code bytes}, as lower-case hex (as the manifest records it). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
