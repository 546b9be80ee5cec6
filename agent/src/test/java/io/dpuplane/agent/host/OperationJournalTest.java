package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationJournalTest {

    @TempDir
    Path dir;

    private final OperationRecord booting = new OperationRecord("op-1", "0000:03:00.0", "http://registry/bfb", "",
            "fleet/dpu0/uid", OperationRecord.State.RUNNING, "Booting", 10, 10, List.of("UEFI: starting"), null,
            "2026-11-28T10:00:00Z", null, "2.9.1");

    @Test
    void aRecordThatSaysNothingNewIsNotWrittenAgain() throws IOException {
        OperationJournal journal = new OperationJournal(dir);
        journal.write(booting);
        Object file = fileOf("op-1");

        journal.write(booting.withConsole(List.of("UEFI: starting")));

        assertThat(fileOf("op-1")).as("the same file, not a rewritten one").isEqualTo(file);
    }

    @Test
    void aChangedRecordIsWrittenAndReadBackAfterARestart() throws IOException {
        OperationJournal journal = new OperationJournal(dir);
        journal.write(booting);
        Object file = fileOf("op-1");

        journal.write(booting.withConsole(List.of("UEFI: starting", "OS: installing")));

        assertThat(fileOf("op-1")).isNotEqualTo(file);
        assertThat(new OperationJournal(dir).readAll()).singleElement()
                .satisfies(r -> assertThat(r.console()).containsExactly("UEFI: starting", "OS: installing"));
    }

    /** The file's identity (device and inode): an atomic rewrite replaces it with a new one. */
    private Object fileOf(String id) throws IOException {
        return Files.readAttributes(dir.resolve(id + ".json"), BasicFileAttributes.class).fileKey();
    }
}
