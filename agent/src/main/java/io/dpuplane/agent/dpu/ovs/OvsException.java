package io.dpuplane.agent.dpu.ovs;

/** Open vSwitch refused or failed a request; the message is what OVS said, fit for a condition. */
public final class OvsException extends RuntimeException {

    public OvsException(String message) {
        super(message);
    }
}
