package dev.avastream.models;

import dev.avastream.models.runtime.ModelException;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.SessionSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the models listed in {@code manifest.json} by name, refusing a file whose checksum differs
 * from the manifest's. The directory is the {@code models/} module (or a copy of it: manifest.json
 * plus onnx/).
 */
public final class ModelStore {
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

    /**
     * The models directory: the system property {@code ava.models.dir}, else {@code models/} or the
     * current directory, whichever holds a manifest.json.
     */
    public static ModelStore locate() {
        String p = System.getProperty("ava.models.dir");
        if (p != null) return new ModelStore(Path.of(p));
        for (Path c : new Path[] {Path.of("models"), Path.of(""), Path.of("../models")}) {
            if (Files.isRegularFile(c.resolve("manifest.json")) && Files.isDirectory(c.resolve("onnx"))) {
                return new ModelStore(c.toAbsolutePath());
            }
        }
        throw new ModelException("no models directory found: set -Dava.models.dir=.../models");
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public ModelManifest.Entry entry(String name) {
        return manifest.models().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new ModelException("model " + name + " is not in " + dir.resolve("manifest.json")));
    }

    public OnnxModel open(String name, SessionSettings settings) {
        ModelManifest.Entry e = entry(name);
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
}
