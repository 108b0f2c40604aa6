package dev.avastream.decoders;

/** A {@link FrameSink} threw a checked exception; {@link #getCause()} is that exception. */
public class FrameSinkException extends RuntimeException {
    public FrameSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
