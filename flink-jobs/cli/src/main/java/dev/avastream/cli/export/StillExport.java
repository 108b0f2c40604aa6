package dev.avastream.cli.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.cli.json.ResultJson;
import dev.avastream.decoders.FrameExtractor;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

/**
 * A title's final stills as the artwork team takes them: each still re-decoded from the source at its
 * exact frame and the stream's own size (never an upscaled thumbnail), named by rank and frame, a
 * contact sheet of the set and a JSON manifest. One home for {@code ava export} (files in a folder)
 * and the preview's download buttons (one file, or the set as a ZIP).
 */
public final class StillExport {
    /** What a still is written as: lossless PNG, or JPEG at a chosen quality. */
    public enum Format { png, jpg }

    /** The sheet's and the manifest's names in an export. */
    public static final String SHEET = "contact-sheet.png", MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StillExport() {}

    /**
     * The title's candidates to export and where they came from.
     *
     * @param recordedSource the video's path as the run recorded it
     * @param from           the topic or file they were read from, for the manifest
     */
    public record Title(String titleId, String runId, String recordedSource, long version, boolean complete, String profile,
                        List<Candidate> stills, String from) {
        public static Title of(CandidateSetUpdate u, String from) {
            return new Title(u.getTitleId(), u.getRunId(), u.getSource(), u.getVersion(), u.getComplete(), u.getProfile(),
                    u.getCandidates(), from);
        }
    }

    /** An encoded still and its size. */
    public record Encoded(byte[] bytes, int width, int height) {}

    /** Receives each file of an export by name, in order: the stills, the sheet, the manifest. */
    public interface Sink {
        void put(String name, byte[] bytes) throws IOException;
    }

    /** The still's file name: rank (1-based, two digits) and frame, e.g. {@code 03-frame-1412.png}. */
    public static String fileName(int rank, Candidate c, Format format) {
        return String.format(Locale.ROOT, "%02d-frame-%d.%s", rank, c.getFrameIndex(), format.name());
    }

    /** Decodes the candidate's frame from {@code video} at the stream's size and encodes it. */
    public static Encoded still(String video, Candidate c, Format format, int jpegQuality) throws VideoDecodeException {
        try (Mat m = FrameExtractor.extract(video, c.getFrameIndex(), c.getTimeUs());
             BytePointer buf = new BytePointer();
             IntPointer params = format == Format.png ? new IntPointer(IMWRITE_PNG_COMPRESSION, 3)
                     : new IntPointer(IMWRITE_JPEG_QUALITY, Math.max(1, Math.min(100, jpegQuality)))) {
            if (!imencode("." + format.name(), m, buf, params)) {
                throw new VideoDecodeException(video, "encoding frame " + c.getFrameIndex() + " as " + format + " failed");
            }
            byte[] bytes = new byte[(int) buf.limit()];
            buf.get(bytes);
            return new Encoded(bytes, m.cols(), m.rows());
        }
    }

    /**
     * Exports every still of {@code t}, decoded from {@code video}, then the contact sheet and the
     * manifest, into {@code sink}; returns the manifest.
     */
    public static ObjectNode export(Title t, String video, Format format, int jpegQuality, Sink sink)
            throws VideoDecodeException, IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("titleId", t.titleId());
        manifest.put("runId", t.runId());
        manifest.put("source", video);
        manifest.put("version", t.version());
        manifest.put("complete", t.complete());
        manifest.put("profile", t.profile());
        manifest.put("from", t.from());
        ArrayNode stills = manifest.putArray("stills");
        int rank = 0;
        for (Candidate c : t.stills()) {
            rank++;
            String name = fileName(rank, c, format);
            Encoded e = still(video, c, format, jpegQuality);
            sink.put(name, e.bytes());
            ObjectNode s = ResultJson.candidate(c);
            s.put("rank", rank);
            s.put("file", name);
            s.put("width", e.width());
            s.put("height", e.height());
            stills.add(s);
        }
        sink.put(SHEET, ContactSheet.png(t.stills(), video, c -> List.of()));
        manifest.put("contactSheet", SHEET);
        sink.put(MANIFEST, JSON.writeValueAsBytes(manifest));
        return manifest;
    }
}
