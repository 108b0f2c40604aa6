package dev.avastream.decoders;

/** Receives decoded frames in presentation order; see {@link DecodedFrame} for buffer ownership. */
@FunctionalInterface
public interface FrameSink {
    void accept(DecodedFrame frame) throws Exception;
}
