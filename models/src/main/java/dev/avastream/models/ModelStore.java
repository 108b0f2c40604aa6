package dev.avastream.models;

import dev.avastream.models.runtime.ModelException;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.SessionSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the models listed in {@code manifest.json} by name, refusing a file whose checksum differs
 * from the manifest's. The models come from a directory (the {@code models/} module, or a copy of
 * it: manifest.json plus onnx/) or from the copy bundled in the jar ({@link #BUNDLED}), which is how
 * the runnable jars (the CLI's and the cluster's) carry them wherever they run.
 */
public final class ModelStore {

    /** Where the build puts manifest.json and onnx/ on the classpath (models/pom.xml's resources). */
    public static final String BUNDLED = "dev/avastream/models/bundled/";

    /** A directory, or null for the bundled copy. */
    private final Path dir;
    private final ModelManifest manifest;

    public ModelStore(Path dir) {
        this.dir = dir;
        try {
            this.manifest = ModelManifest.read(dir.resolve("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("manifest.json"), e);
        }
    }

    private ModelStore(ModelManifest manifest) {
        this.dir = null;
        this.manifest = manifest;
    }

    /** The models bundled in the jar (in the classpath), or an error if this classpath has none. */
    public static ModelStore bundled() {
        try (InputStream in = resource("manifest.json")) {
            if (in == null) throw new ModelException("no models bundled on the classpath (" + BUNDLED + "manifest.json)");
            return new ModelStore(ModelManifest.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + BUNDLED + "manifest.json", e);
        }
    }

    /**
     * The models: the directory in the system property {@code ava.models.dir} if set; else a
     * {@code models/} directory (or the current one) holding manifest.json and onnx/, as in a source
     * checkout; else the copy bundled in the jar.
     */
    public static ModelStore locate() {
        String p = System.getProperty("ava.models.dir");
        if (p != null) return new ModelStore(Path.of(p));
        for (Path c : new Path[] {Path.of("models"), Path.of(""), Path.of("../models")}) {
            if (Files.isRegularFile(c.resolve("manifest.json")) && Files.isDirectory(c.resolve("onnx"))) {
                return new ModelStore(c.toAbsolutePath());
            }
        }
        if (ModelStore.class.getClassLoader().getResource(BUNDLED + "manifest.json") != null) return bundled();
        throw new ModelException("no models found: none bundled on the classpath, no models/ directory here; "
                + "set -Dava.models.dir=.../models");
    }

    /** Where the models come from, for people: the directory, or "bundled in the jar". */
    public String origin() {
        return dir == null ? "bundled in the jar (" + BUNDLED + ")" : dir.toString();
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public ModelManifest.Entry entry(String name) {
        return manifest.models().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new ModelException("model " + name + " is not in " + where("manifest.json")));
    }

    /** Opens the model {@code name} after checking its bytes against the manifest's SHA-256. */
    public OnnxModel open(String name, SessionSettings settings) {
        ModelManifest.Entry e = entry(name);
        if (dir != null) {
            Path file = dir.resolve(e.file());
            try {
                String actual = ModelManifest.sha256(file);
                if (!actual.equalsIgnoreCase(e.sha256())) {
                    throw new ModelException(file + ": sha256 " + actual + " does not match the manifest's " + e.sha256());
                }
            } catch (IOException ex) {
                throw new ModelException(file + ": cannot read (model " + name + ")", ex);
            }
            return OnnxModel.open(name, file, settings);
        }
        byte[] bytes = verifiedBytes(e);
        return OnnxModel.open(name, bytes, where(e.file()), settings);
    }

    /**
     * Checks every listed model's bytes against the manifest (and that its source and licence are
     * recorded); one problem per bad entry, each naming the file; empty when all is well.
     */
    public List<String> verify() throws IOException {
        if (dir != null) return manifest.verify(dir);
        List<String> problems = new ArrayList<>();
        for (ModelManifest.Entry e : manifest.models()) {
            try {
                verifiedBytes(e);
            } catch (ModelException ex) {
                problems.add(ex.getMessage());
            }
            if (e.licence() == null || e.licence().isBlank()) problems.add(where(e.file()) + ": no licence recorded");
            if (e.sourcePackage() == null || e.sourceVersion() == null) {
                problems.add(where(e.file()) + ": no source package/version recorded");
            }
        }
        return problems;
    }

    private byte[] verifiedBytes(ModelManifest.Entry e) {
        byte[] bytes;
        try (InputStream in = resource(e.file())) {
            if (in == null) throw new ModelException(where(e.file()) + ": missing (model " + e.name() + ")");
            bytes = in.readAllBytes();
        } catch (IOException ex) {
            throw new ModelException(where(e.file()) + ": cannot read (model " + e.name() + ")", ex);
        }
        String actual = ModelManifest.sha256(bytes);
        if (!actual.equalsIgnoreCase(e.sha256())) {
            throw new ModelException(where(e.file()) + ": sha256 " + actual + " does not match the manifest's " + e.sha256());
        }
        return bytes;
    }

    private String where(String file) {
        return dir == null ? "classpath:" + BUNDLED + file : dir.resolve(file).toString();
    }

    private static InputStream resource(String file) {
        return ModelStore.class.getClassLoader().getResourceAsStream(BUNDLED + file);
    }
}
