package dev.avastream.models.runtime;

/** A model could not be opened or run; the message names the model. */
public class ModelException extends RuntimeException {
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelException(String message) {
        super(message);
    }
}
