package dev.avastream.decoders;

/** A video could not be probed or decoded; the message always names the file and the problem. */
public class VideoDecodeException extends Exception {
    private final String source;

    public VideoDecodeException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public VideoDecodeException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    public String source() { return source; }
}
