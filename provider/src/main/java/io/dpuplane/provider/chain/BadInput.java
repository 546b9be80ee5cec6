package io.dpuplane.provider.chain;

/** The resource asks for something that cannot be: reported on it, never retried faster than the poll. */
final class BadInput extends RuntimeException {

    BadInput(String message) {
        super(message);
    }
}
