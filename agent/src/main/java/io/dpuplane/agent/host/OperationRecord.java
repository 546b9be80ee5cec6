package io.dpuplane.agent.host;

import java.util.List;

/**
 * One install as the agent journals it: what was asked, how far it got, how it ended. Immutable; every
 * change is a new record written to the journal.
 */
public record OperationRecord(String id, String pciAddress, String bfbUrl, String bfbSha256, String requestedBy,
        State state, String stage, long bytesPushed, long totalBytes, List<String> console, String error,
        String startedAt, String finishedAt, String docaVersion) {

    /** Where an operation stands. */
    public enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED }

    public OperationRecord {
        console = console == null ? List.of() : List.copyOf(console);
    }

    public boolean finished() {
        return state != State.RUNNING;
    }

    public OperationRecord progress(String newStage, long pushed, long total) {
        return new OperationRecord(id, pciAddress, bfbUrl, bfbSha256, requestedBy, state, newStage, pushed, total,
                console, error, startedAt, finishedAt, docaVersion);
    }

    public OperationRecord withConsole(List<String> lines) {
        return new OperationRecord(id, pciAddress, bfbUrl, bfbSha256, requestedBy, state, stage, bytesPushed,
                totalBytes, lines, error, startedAt, finishedAt, docaVersion);
    }

    public OperationRecord withDocaVersion(String version) {
        return new OperationRecord(id, pciAddress, bfbUrl, bfbSha256, requestedBy, state, stage, bytesPushed,
                totalBytes, console, error, startedAt, finishedAt, version);
    }

    public OperationRecord finish(State end, String why, String at) {
        return new OperationRecord(id, pciAddress, bfbUrl, bfbSha256, requestedBy, end, end == State.SUCCEEDED ? "Done"
                : stage, bytesPushed, totalBytes, console, why, startedAt, at, docaVersion);
    }
}
