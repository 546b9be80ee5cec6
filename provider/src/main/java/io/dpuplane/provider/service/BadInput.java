package io.dpuplane.provider.service;

/** The DPUService asks for something that cannot be: reported in its conditions and an event. */
final class BadInput extends RuntimeException {

    BadInput(String message) {
        super(message);
    }
}
