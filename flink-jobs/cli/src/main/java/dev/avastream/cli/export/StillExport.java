package dev.avastream.cli.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.cli.json.ResultJson;
import dev.avastream.decoders.FrameExtractor;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.operators.crop.Canvas;
import dev.avastream.operators.crop.CanvasCropper;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CanvasCrop;
import dev.avastream.schema.CandidateSetUpdate;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

/**
 * A title's final stills as the artwork team takes them: each still re-decoded from the source at its
 * exact frame and the stream's own size (never an upscaled thumbnail), named by rank and frame, its
 * crop for each artwork canvas (docs/crops.md), a contact sheet of the set and a JSON manifest. One home for {@code ava export} (files in a folder)
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
        try (Mat m = FrameExtractor.extract(video, c.getFrameIndex(), c.getTimeUs())) {
            return encode(video, c, m, format, jpegQuality);
        }
    }

    /** The still's crop for one canvas, cut from the frame decoded at the stream's size. */
    public static Encoded crop(String video, Candidate c, CanvasCrop crop, Format format, int jpegQuality)
            throws VideoDecodeException {
        try (Mat m = FrameExtractor.extract(video, c.getFrameIndex(), c.getTimeUs())) {
            return encodeCrop(video, c, m, crop, format, jpegQuality);
        }
    }

    /** The crop file's name: the still's name with the canvas, e.g. {@code 03-frame-1412-2x3.png}. */
    public static String cropFileName(int rank, Candidate c, CanvasCrop crop, Format format) {
        return String.format(Locale.ROOT, "%02d-frame-%d-%s.%s", rank, c.getFrameIndex(),
                Canvas.named(crop.getCanvas()).fileTag(), format.name());
    }

    private static Encoded encodeCrop(String video, Candidate c, Mat frame, CanvasCrop crop, Format format, int jpegQuality)
            throws VideoDecodeException {
        CanvasCropper.PixelBox box = CanvasCropper.pixels(crop, frame.cols(), frame.rows());
        try (Rect r = new Rect(box.x(), box.y(), box.width(), box.height()); Mat part = new Mat(frame, r)) {
            return encode(video, c, part, format, jpegQuality);
        }
    }

    private static Encoded encode(String video, Candidate c, Mat m, Format format, int jpegQuality) throws VideoDecodeException {
        try (BytePointer buf = new BytePointer();
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
            ObjectNode s = ResultJson.candidate(c);
            s.put("rank", rank);
            s.put("file", name);
            try (Mat frame = FrameExtractor.extract(video, c.getFrameIndex(), c.getTimeUs())) {
                Encoded e = encode(video, c, frame, format, jpegQuality);
                sink.put(name, e.bytes());
                s.put("width", e.width());
                s.put("height", e.height());
                ArrayNode crops = (ArrayNode) s.get("crops");
                for (int i = 0; i < c.getCrops().size(); i++) {
                    CanvasCrop k = c.getCrops().get(i);
                    String cropName = cropFileName(rank, c, k, format);
                    sink.put(cropName, encodeCrop(video, c, frame, k, format, jpegQuality).bytes());
                    CanvasCropper.PixelBox box = CanvasCropper.pixels(k, frame.cols(), frame.rows());
                    ((ObjectNode) crops.get(i)).put("file", cropName).putObject("pixels").put("x", box.x())
                            .put("y", box.y()).put("width", box.width()).put("height", box.height());
                }
            }
            stills.add(s);
        }
        sink.put(SHEET, ContactSheet.png(t.stills(), video, c -> List.of()));
        manifest.put("contactSheet", SHEET);
        sink.put(MANIFEST, JSON.writeValueAsBytes(manifest));
        return manifest;
    }
}
