package io.dpuplane.functions.sdk;

/**
 * A composite a function cannot compose as it stands (a missing field, a value out of range). The server
 * turns it into the pipeline's Fatal result, with this message for the composite's owner to act on.
 */
public final class CannotComposeException extends RuntimeException {

    public CannotComposeException(String message) {
        super(message);
    }
}
